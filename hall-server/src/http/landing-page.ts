/** Device tokens shown as links on the landing page: only in the demo hall, never in a real one. */
export interface DemoLinks {
  kiosk: string;
  board: string;
  pads: { counterName: string; token: string }[];
  credentialsFile: string;
}

/**
 * Whether a client address is this machine. Demo device links carry tokens that pair a screen:
 * only someone at the server itself sees them; the hall LAN sees the screen list without them.
 */
export function isLoopback(address: string): boolean {
  const ip = address.startsWith('::ffff:') ? address.slice(7) : address;
  return ip === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ip);
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The hall server's front page: every screen, linked. `demo` is the demo hall's device links
 * (tokens included), given only to a loopback client; `demoHall` says the hall is the demo anyway.
 */
export function landingPage(hallName: string, demo: DemoLinks | null, built: boolean, demoHall = demo !== null): string {
  const link = (href: string, label: string, hint: string) =>
    `<li><a href="${escape(href)}">${escape(label)}</a><span>${escape(hint)}</span></li>`;
  const device = (path: string, token: string | undefined) => (token ? `${path}?device=${encodeURIComponent(token)}` : path);
  const pads = demo?.pads.length
    ? demo.pads.map((pad) => link(device('/rate/', pad.token), `评价器 · ${pad.counterName}`, 'Rating pad')).join('')
    : link('/rate/', '评价器', 'Rating pad (pair with ?device=<token>)');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(hallName)} · 排队叫号系统</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:"WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;margin:0;background:#f3f5f9;color:#1d2733}
header{background:#b3141c;color:#fff;padding:24px 40px}h1{margin:0;font-size:32px}
main{padding:24px 40px;max-width:900px}ul{list-style:none;padding:0}li{background:#fff;margin:10px 0;padding:16px 20px;border-radius:8px;display:flex;gap:16px;align-items:baseline}
a{font-size:22px;color:#0b4ea2;font-weight:bold;text-decoration:none}span{color:#5b6675}.warn{background:#fff3cd;padding:12px 16px;border-radius:8px}
</style></head><body>
<header><h1>${escape(hallName)}</h1><div>公共法律服务 · 排队叫号与评价系统 · 12348</div></header>
<main>
${built ? '' : '<p class="warn">界面尚未构建：请运行 <code>npm run build</code>。The screens are not built yet: run npm run build.</p>'}
${demo ? `<p class="warn">演示大厅：登录账号与设备令牌见 <code>${escape(demo.credentialsFile)}</code>。</p>` : demoHall ? '<p class="warn">演示大厅：设备链接（含令牌）只在服务器本机打开本页时显示。Device links with tokens are shown only on the server itself.</p>' : ''}
<ul>
${link(device('/kiosk/', demo?.kiosk), '自助取号机', 'Kiosk: take a number, rate a service')}
${link(device('/board/', demo?.board), '综合屏', 'Hall board: calls, voice, waiting per service')}
${link('/counter/', '窗口叫号器', 'Counter terminal: staff sign in')}
${pads}
${link('/manage/', '管理后台', 'Manager console: reports, follow-ups, administration')}
</ul></main></body></html>`;
}
