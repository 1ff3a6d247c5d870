// The visitor's phone page for /t/<trackingCode> on the city server: plain HTML and a little script
// polling /api/track/<code>. Chinese for visitors; the code stays in the URL only.
export const TRACK_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>排队进度</title>
<style>
body{font-family:system-ui,"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;margin:0;background:#f4f6f8;color:#1d2733}
main{max-width:28rem;margin:0 auto;padding:1rem}
.card{background:#fff;border-radius:12px;padding:1.25rem;margin-bottom:1rem;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.number{font-size:3rem;font-weight:700;text-align:center;letter-spacing:.05em}
.state{font-size:1.4rem;text-align:center;margin:.5rem 0}
.called{color:#b42318;font-weight:700}
.muted{color:#5b6878;font-size:.9rem;text-align:center}
.stars button{font-size:1.1rem;margin:.2rem;padding:.5rem .7rem;border-radius:8px;border:1px solid #c8d0da;background:#fff}
.stars button.on{background:#1d6fd8;color:#fff;border-color:#1d6fd8}
textarea{width:100%;box-sizing:border-box;min-height:4rem;font:inherit}
.send{width:100%;padding:.8rem;font-size:1.1rem;border:0;border-radius:8px;background:#1d6fd8;color:#fff;margin-top:.5rem}
.error{color:#b42318;text-align:center}
</style></head>
<body><main>
<div class="card"><div class="muted" id="hall"></div><div class="number" id="number">…</div>
<div class="state" id="state">正在查询</div><div class="muted" id="detail"></div></div>
<div class="card" id="rate" hidden><div>请对本次服务进行评价（自愿）</div><div class="muted" id="who"></div>
<div class="stars" id="scores"></div><textarea id="comment" maxlength="500" placeholder="意见或建议（选填）"></textarea>
<button class="send" id="send">提交评价</button><div class="error" id="rateError"></div></div>
<div class="card" id="thanks" hidden><div class="state">感谢您的评价</div></div>
<p class="muted" id="fresh"></p><p class="error" id="error"></p>
</main>
<script>
const code = decodeURIComponent(location.pathname.split('/').pop() || '');
const STATE = { waiting: '等待叫号', called: '请到窗口办理', serving: '正在办理', done: '已办结', no_show: '已过号', parked: '暂停办理（补交材料后继续）', cancelled: '已取消' };
const LABELS = ['非常不满意', '不满意', '基本满意', '满意', '非常满意'];
let score = 0;
const scores = document.getElementById('scores');
LABELS.forEach((label, i) => {
  const b = document.createElement('button');
  b.textContent = label; b.type = 'button';
  b.onclick = () => { score = i + 1; [...scores.children].forEach((c, j) => c.classList.toggle('on', j === i)); };
  scores.appendChild(b);
});
async function refresh() {
  try {
    const response = await fetch('/api/track/' + encodeURIComponent(code), { cache: 'no-store' });
    if (response.status === 404) { document.getElementById('state').textContent = '未找到该号票，或已超过查询时间'; return; }
    if (!response.ok) throw new Error(String(response.status));
    const t = await response.json();
    document.getElementById('error').textContent = '';
    document.getElementById('hall').textContent = t.hallName + ' · ' + t.serviceName;
    document.getElementById('number').textContent = t.number;
    const state = document.getElementById('state');
    state.textContent = t.state === 'called' && t.counterName ? '请到 ' + t.counterName + ' 办理' : (STATE[t.state] || t.state);
    state.className = 'state' + (t.state === 'called' ? ' called' : '');
    document.getElementById('detail').textContent = t.state === 'waiting'
      ? '前面还有 ' + t.waitingAhead + ' 人，预计等待约 ' + t.estimatedWaitMinutes + ' 分钟' : '';
    document.getElementById('rate').hidden = !t.canRate || t.rated;
    document.getElementById('who').textContent = t.staffName ? '您正在评价：' + (t.counterName || '') + ' ' + t.staffName + (t.staffNo ? ' 工号 ' + t.staffNo : '') : '';
    document.getElementById('thanks').hidden = !t.rated;
    const age = Math.round((Date.now() - Date.parse(t.updatedAt)) / 1000);
    const at = new Date(t.updatedAt).toLocaleTimeString('zh-CN', { hour12: false });
    document.getElementById('fresh').textContent = age > 120 ? '大厅数据暂未更新（更新于 ' + at + '），请以现场叫号为准' : '更新于 ' + at;
  } catch { document.getElementById('error').textContent = '网络不稳定，正在重试…'; }
}
document.getElementById('send').onclick = async () => {
  const rateError = document.getElementById('rateError');
  if (!score) { rateError.textContent = '请先选择满意程度'; return; }
  const comment = document.getElementById('comment').value.trim();
  const response = await fetch('/api/track/' + encodeURIComponent(code) + '/rating', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(comment ? { score, comment } : { score }),
  }).catch(() => null);
  if (response && (response.ok || response.status === 409)) { rateError.textContent = ''; refresh(); }
  else rateError.textContent = '提交失败，请稍后再试';
};
refresh();
setInterval(refresh, 1500);
</script></body></html>`;
