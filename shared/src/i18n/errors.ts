/**
 * Error codes the server answers with, and what screens say for them. Screens translate codes
 * through this table and never show the server's message text to visitors.
 */
export const ERROR_MESSAGES = {
  'bad-request': { zh: '请求内容有误', en: 'The request is invalid' },
  'not-found': { zh: '未找到', en: 'Not found' },
  unauthorized: { zh: '请先登录', en: 'Please sign in' },
  forbidden: { zh: '没有权限', en: 'Not allowed' },
  'bad-credentials': { zh: '用户名或密码错误', en: 'Wrong username or password' },
  'too-many-attempts': { zh: '尝试次数过多，请稍后再试', en: 'Too many attempts, try again later' },
  'json-required': { zh: '请求格式有误，请刷新页面后重试', en: 'The request must be JSON; reload the page and try again' },
  'csrf-header-missing': { zh: '请求来源无法确认，请刷新页面后重试', en: 'The request did not come from a hall screen; reload the page and try again' },
  'unknown-service': { zh: '没有这项业务', en: 'No such service' },
  'service-closed': { zh: '该业务暂停取号', en: 'This service is not taking numbers now' },
  'quota-exhausted': { zh: '今日号已取完，请明日再来', en: 'All numbers for today have been taken' },
  'counter-busy': { zh: '窗口正在办理，请先结束当前号', en: 'Finish the current ticket first' },
  'counter-paused': { zh: '窗口已暂停', en: 'The counter is paused' },
  'counter-closed': { zh: '窗口未开放', en: 'The counter is closed' },
  'service-not-at-counter': { zh: '本窗口不办理该业务', en: 'This counter does not serve that service' },
  'queue-empty': { zh: '当前无人等候', en: 'Nobody is waiting' },
  'illegal-transition': { zh: '当前状态下不能进行此操作', en: 'Not allowed in the ticket\u2019s current state' },
  'recall-limit-not-reached': { zh: '重呼次数未到，暂不能标记过号', en: 'Recall the visitor before marking a no-show' },
  'ticket-not-today': { zh: '只能办理当天的号', en: 'Only today\u2019s tickets can be handled' },
  'not-rateable': { zh: '该号尚未办结，暂不能评价', en: 'This ticket cannot be rated yet' },
  'check-code-required': { zh: '请输入号票上号码旁的4位验证码', en: 'Enter the 4-digit check code printed beside the number' },
  'wrong-check-code': { zh: '验证码不正确，请核对号票上号码旁的4位数字', en: 'Wrong check code: see the 4 digits beside the number on your ticket' },
  'check-code-locked': { zh: '验证码错误次数过多，请扫描号票上的二维码或用手机评价', en: 'Too many wrong codes: scan the ticket\u2019s QR code or rate on your phone' },
  'already-rated': { zh: '该号已评价，感谢您的参与', en: 'This ticket has already been rated' },
  'same-service': { zh: '已在该业务队列中', en: 'Already in that service\u2019s queue' },
  'already-excluded': { zh: '该评价已被剔除', en: 'The rating is already excluded' },
  'already-closed': { zh: '该回访已办结', en: 'The follow-up is already closed' },
  'request-conflict': { zh: '请求编号已被另一项业务使用', en: 'The requestId was used for another service' },
  'booking-not-found': { zh: '未找到该预约，请核对预约码', en: 'No booking with that code' },
  'booking-cancelled': { zh: '该预约已取消，请取普通号排队', en: 'This booking was cancelled' },
  'booking-other-day': { zh: '该预约不是今天的，请按预约日期前来', en: 'This booking is for another day' },
  'booking-other-hall': { zh: '该预约不是本大厅的，请核对预约地点', en: 'This booking is for another hall' },
  'too-early': { zh: '还未到签到时间，请稍后再来', en: 'Too early to check in' },
  'too-late': { zh: '已超过签到时间，请取普通号排队', en: 'Too late to check in; take a normal number' },
  conflict: { zh: '与现有数据冲突', en: 'Conflicts with existing data' },
  'rate-limited': { zh: '操作过于频繁，请稍后再试', en: 'Too many requests' },
  'storage-unavailable': { zh: '系统暂时无法保存，请稍后再试或咨询工作人员', en: 'The system cannot save right now. Please try again shortly or ask the staff' },
  internal: { zh: '系统故障，请咨询工作人员', en: 'System error, please ask the staff' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** The visitor-facing text for an error code, falling back to a generic line for unknown codes. */
export function errorText(code: string, lang: 'zh' | 'en' = 'zh'): string {
  const entry = (ERROR_MESSAGES as Record<string, { zh: string; en: string }>)[code];
  return entry ? entry[lang] : ERROR_MESSAGES.internal[lang];
}
