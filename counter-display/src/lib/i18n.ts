import { ApiError, errorText } from '@hall/shared';

export type Lang = 'zh' | 'en';

/**
 * Every string the board, the counter terminal and the rating pad show, in one zh/en table.
 * Server error codes go through `errorText` from @hall/shared, with the few codes below on top.
 */
const TEXTS = {
  // Board (综合屏)
  'board.title': { zh: '综合屏', en: 'Hall board' },
  'board.nowCalling': { zh: '正在呼叫', en: 'Now calling' },
  'board.please': { zh: '请', en: 'Ticket' },
  'board.ticketSuffix': { zh: '号', en: '' },
  'board.goTo': { zh: '到', en: 'to' },
  'board.toHandle': { zh: '办理', en: '' },
  'board.recall': { zh: '再次呼叫', en: 'Calling again' },
  'board.idleTitle': { zh: '欢迎光临', en: 'Welcome' },
  'board.idleLine': { zh: '请取号后留意叫号', en: 'Take a number and watch for your call' },
  'board.recentCalls': { zh: '最近叫号', en: 'Recent calls' },
  'board.number': { zh: '号码', en: 'Number' },
  'board.counter': { zh: '窗口', en: 'Counter' },
  'board.noCalls': { zh: '暂无叫号', en: 'No calls yet' },
  'board.waiting': { zh: '等候人数', en: 'Waiting' },
  'board.people': { zh: '人', en: '' },
  'board.serviceClosed': { zh: '暂停', en: 'Closed' },
  'board.quotaFull': { zh: '已取完', en: 'All taken' },
  'board.afterHours': { zh: '停止取号', en: 'No more today' },
  'board.notYetOpen': { zh: '未开始', en: 'Not open yet' },
  'board.stale': { zh: '暂停更新', en: 'Not updating' },
  'board.staleLine': { zh: '请留意窗口叫号', en: 'Please listen for your call at the counters' },
  'board.offline': { zh: '与服务器连接中断', en: 'Lost the hall server' },
  'board.lastUpdate': { zh: '最后更新', en: 'Last update' },
  'board.unpaired': { zh: '本屏尚未配对，请用 /board/?device=令牌 打开', en: 'Not paired: open /board/?device=<token>' },
  'board.mediaTitle': { zh: '法治宣传', en: 'Legal education' },
  'board.slideHotline': { zh: '12348', en: '12348' },
  'board.slideLine1': { zh: '公共法律服务热线', en: 'Public legal service hotline' },
  'board.slideLine2': { zh: '有法律问题 · 打12348', en: 'Legal questions? Call 12348' },
  'board.slideLine3': { zh: '尊法 学法 守法 用法', en: 'Respect, learn, keep and use the law' },

  // Counter terminal (叫号器)
  'counter.title': { zh: '窗口叫号器', en: 'Counter terminal' },
  'counter.login': { zh: '工作人员登录', en: 'Staff sign-in' },
  'counter.username': { zh: '用户名', en: 'Username' },
  'counter.password': { zh: '密码', en: 'Password' },
  'counter.signIn': { zh: '登录', en: 'Sign in' },
  'counter.logout': { zh: '退出登录', en: 'Sign out' },
  'counter.pickCounter': { zh: '请选择您的窗口', en: 'Choose your counter' },
  'counter.changeCounter': { zh: '切换窗口', en: 'Change counter' },
  'counter.staffNo': { zh: '工号', en: 'Staff no.' },
  'counter.onDuty': { zh: '在岗', en: 'On duty' },
  'counter.paused': { zh: '暂停', en: 'Paused' },
  'counter.closed': { zh: '关闭', en: 'Closed' },
  'counter.current': { zh: '当前号', en: 'Current ticket' },
  'counter.noCurrent': { zh: '当前没有正在办理的号', en: 'No current ticket' },
  'counter.stateCalled': { zh: '已呼叫，等候到窗', en: 'Called, waiting for the visitor' },
  'counter.stateServing': { zh: '正在办理', en: 'Serving' },
  'counter.priority': { zh: '绿色通道', en: 'Priority' },
  'counter.elapsed': { zh: '办理用时', en: 'Handling' },
  'counter.sinceCall': { zh: '呼叫后', en: 'Since call' },
  'counter.notStarted': { zh: '未开始', en: 'Not started' },
  'counter.recallsNeeded': { zh: '还需重呼', en: 'Recall first ×' },
  'counter.minutes': { zh: '分钟', en: 'min' },
  'counter.hours': { zh: '小时', en: 'h' },
  'counter.underMinute': { zh: '不足 1 分钟', en: '< 1 min' },
  'counter.waited': { zh: '已等', en: 'Waited' },
  'counter.today': { zh: '本窗口今日', en: 'This counter today' },
  'counter.served': { zh: '已办', en: 'Served' },
  'counter.people': { zh: '人', en: '' },
  'counter.avgTime': { zh: '平均用时', en: 'Average time' },
  'counter.lastVisitor': { zh: '上一位', en: 'Last visitor' },
  'counter.rated': { zh: '已评价', en: 'rated' },
  'counter.notRated': { zh: '尚未评价', en: 'not rated yet' },
  'counter.takenBy': { zh: '已有人在岗：', en: 'Taken by ' },
  'counter.free': { zh: '空闲', en: 'Free' },
  'counter.recalls': { zh: '已重呼', en: 'Recalled' },
  'counter.times': { zh: '次', en: 'times' },
  'counter.waitingList': { zh: '等候队列', en: 'Waiting list' },
  'counter.waitingNone': { zh: '当前无人等候', en: 'Nobody is waiting' },
  'counter.callThis': { zh: '呼叫', en: 'Call' },
  'counter.parked': { zh: '挂起的号', en: 'Parked' },
  'counter.resume': { zh: '恢复办理', en: 'Resume' },
  'counter.noShows': { zh: '今日过号', en: 'No-shows today' },
  'counter.requeue': { zh: '重新排队', en: 'Requeue' },
  'counter.none': { zh: '无', en: 'None' },
  'counter.waitingCount': { zh: '等候', en: 'waiting' },
  'counter.offline': { zh: '连接中断，正在重连…', en: 'Offline, reconnecting…' },
  'action.callNext': { zh: '呼叫下一位', en: 'Call next' },
  'action.recall': { zh: '重呼', en: 'Recall' },
  'action.start': { zh: '开始办理', en: 'Start' },
  'action.finish': { zh: '结束办理', en: 'Finish' },
  'action.noShow': { zh: '过号', en: 'No-show' },
  'action.transfer': { zh: '转移', en: 'Transfer' },
  'action.pause': { zh: '暂停', en: 'Pause' },
  'action.resume': { zh: '恢复', en: 'Resume' },
  'action.park': { zh: '挂起', en: 'Park' },
  'finish.title': { zh: '结束办理', en: 'Finish' },
  'finish.outcome': { zh: '办理结果', en: 'Outcome' },
  'finish.note': { zh: '备注（可选）', en: 'Note (optional)' },
  'finish.confirm': { zh: '确定', en: 'Confirm' },
  'finish.cancel': { zh: '取消', en: 'Cancel' },
  'outcome.resolved': { zh: '办结', en: 'Resolved' },
  'outcome.pending': { zh: '待补正', en: 'Pending documents' },
  'outcome.referred': { zh: '转介', en: 'Referred' },
  'transfer.title': { zh: '转移到其他业务', en: 'Transfer to another service' },
  'feedback.called': { zh: '已呼叫', en: 'Called' },
  'feedback.recalled': { zh: '已重呼', en: 'Recalled' },
  'feedback.finished': { zh: '已办结', en: 'Finished' },
  'feedback.noShow': { zh: '已标记过号', en: 'Marked no-show' },
  'feedback.parked': { zh: '已挂起', en: 'Parked' },
  'feedback.started': { zh: '开始办理', en: 'Started' },
  'feedback.transferred': { zh: '已转移', en: 'Transferred' },
  'feedback.resumed': { zh: '已恢复办理', en: 'Resumed' },
  'feedback.requeued': { zh: '已重新排队', en: 'Requeued' },
  'feedback.paused': { zh: '窗口已暂停', en: 'Counter paused' },
  'feedback.counterResumed': { zh: '窗口已恢复服务', en: 'Counter resumed' },

  // Rating pad (评价器)
  'rate.title': { zh: '服务评价', en: 'Rate our service' },
  'rate.welcome': { zh: '您好，欢迎办理业务', en: 'Welcome' },
  'rate.staffOnDuty': { zh: '当班工作人员', en: 'On duty' },
  'rate.noStaff': { zh: '暂无工作人员在岗', en: 'Nobody on duty' },
  'rate.photo': { zh: '照片', en: 'Photo' },
  'rate.ask': { zh: '请对本次服务进行评价', en: 'Please rate this service' },
  'rate.ticket': { zh: '号码', en: 'Ticket' },
  'rate.dimensions': { zh: '分项评价（可选）', en: 'Details (optional)' },
  'rate.comment': { zh: '意见建议（可选）', en: 'Comment (optional)' },
  'rate.submit': { zh: '提交评价', en: 'Submit' },
  'rate.skip': { zh: '不评价', en: 'Skip' },
  'rate.thanks': { zh: '感谢您的评价', en: 'Thank you for your rating' },
  'rate.thanksLine': { zh: '您的意见是我们改进工作的动力', en: 'Your feedback helps us improve' },
  'rate.voluntary': { zh: '评价自愿，不评价不影响办理', en: 'Rating is voluntary' },
  'rate.secondsLeft': { zh: '秒后返回', en: 's left' },
  'rate.unpaired': { zh: '本评价器尚未配对，请用 /rate/?device=令牌 打开', en: 'Not paired: open /rate/?device=<token>' },
  'rate.noCounter': { zh: '本评价器未绑定窗口', en: 'This pad is not bound to a counter' },
  'rate.offline': { zh: '网络中断', en: 'Offline' },
  'rate.youRate': { zh: '您正在评价：', en: 'You are rating: ' },
  'rate.chosen': { zh: '已选', en: 'chosen' },
  'rate.submitting': { zh: '正在提交…', en: 'Sending…' },
  'rate.chooseScoreFirst': { zh: '请先选择满意程度', en: 'Choose how satisfied you are first' },
  // The kiosk's quick-comment chips, word for word, so every channel offers the same four.
  'rate.chipGood': { zh: '服务很好', en: 'Great service' },
  'rate.chipWait': { zh: '等候时间长', en: 'Long wait' },
  'rate.chipGuide': { zh: '指引不清楚', en: 'Unclear guidance' },
  'rate.chipPlace': { zh: '环境需改善', en: 'Improve the hall' },
  'score.5': { zh: '非常满意', en: 'Very satisfied' },
  'score.4': { zh: '满意', en: 'Satisfied' },
  'score.3': { zh: '基本满意', en: 'Fairly satisfied' },
  'score.2': { zh: '不满意', en: 'Dissatisfied' },
  'score.1': { zh: '非常不满意', en: 'Very dissatisfied' },
  'dimension.attitude': { zh: '服务态度', en: 'Attitude' },
  'dimension.efficiency': { zh: '办事效率', en: 'Efficiency' },
  'dimension.policy': { zh: '政策执行', en: 'Policy' },
  'dimension.competence': { zh: '业务水平', en: 'Competence' },

  'error.offline': { zh: '无法连接服务器，请检查网络', en: 'Cannot reach the hall server' },

  // Weekdays for the board's date line (Date#getDay order).
  'weekday.0': { zh: '星期日', en: 'Sunday' },
  'weekday.1': { zh: '星期一', en: 'Monday' },
  'weekday.2': { zh: '星期二', en: 'Tuesday' },
  'weekday.3': { zh: '星期三', en: 'Wednesday' },
  'weekday.4': { zh: '星期四', en: 'Thursday' },
  'weekday.5': { zh: '星期五', en: 'Friday' },
  'weekday.6': { zh: '星期六', en: 'Saturday' },
} as const satisfies Record<string, Record<Lang, string>>;

export type TextKey = keyof typeof TEXTS;

/** The screen text for a key. */
export function t(key: TextKey, lang: Lang = 'zh'): string {
  return TEXTS[key][lang];
}

/** The screen text for an error code (the server's, or 'offline' from the API client). */
export function codeMessage(code: string, lang: Lang = 'zh'): string {
  return code === 'offline' ? t('error.offline', lang) : errorText(code, lang);
}

/** What a screen shows for any failure: the i18n text of an ApiError's code, else the generic one. */
export function errorMessage(error: unknown, lang: Lang = 'zh'): string {
  return codeMessage(error instanceof ApiError ? error.code : 'internal', lang);
}
