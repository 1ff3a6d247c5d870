// Simulated visitors and counter staff for one demo hall, through the hall's own HTTP API and its
// demo credentials: visitors take numbers at the kiosk (more at the morning and afternoon peaks),
// each open counter calls, serves, sometimes marks a no-show, and the visitor rates on the pad.
// `speed` compresses time: 1 is a real hall's pace, 10 (the demo default) ten times faster.

const PAD_RATING_SHARE = 0.8;
const NO_SHOW_SHARE = 0.05;
const SCORES = [[5, 0.62], [4, 0.24], [3, 0.08], [2, 0.04], [1, 0.02]];
/** Seconds between arrivals at speed 1, by hall level (the kiosk allows one number every 2 s). */
const ARRIVAL_SECONDS = { city: 20, county: 45, township: 120, village: 300 };
const SERVICE_SECONDS = [240, 720];

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
const between = ([low, high]) => low + Math.random() * (high - low);
const pickScore = () => {
  let roll = Math.random();
  for (const [score, share] of SCORES) if ((roll -= share) <= 0) return score;
  return 5;
};

function client(baseUrl) {
  return async (method, path, token, body) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    let parsed = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    return { status: response.status, body: parsed };
  };
}

/**
 * Runs one hall's simulation until `signal` aborts. `credentials` is the hall's demo-credentials.json;
 * `log` receives a line now and then. Errors (the hall restarting, a refused call) are retried quietly.
 */
export async function simulateHall({ url, credentials, level = 'city', speed = 10, signal, log = () => {} }) {
  const call = client(url);
  const kiosk = credentials.devices.find((d) => d.kind === 'kiosk')?.token;
  const staffUsers = credentials.users.filter((u) => u.role === 'staff');
  const login = async (user) => (await call('POST', '/api/auth/login', undefined, { username: user.username, password: user.password })).body?.token;
  const anyStaff = await login(staffUsers[0]);
  const counters = (await call('GET', '/api/counters', anyStaff)).body ?? [];
  const scale = (seconds) => (seconds * 1000) / speed;
  let issued = 0;
  let served = 0;

  async function visitors() {
    const mean = ARRIVAL_SECONDS[level] ?? 60;
    while (!signal.aborted) {
      // Busier at 9–11 and 14–16 (hall time), quieter at lunch: a rough daily curve.
      const hour = new Date(Date.now() + 8 * 3600_000).getUTCHours();
      const busy = hour === 9 || hour === 10 || hour === 14 || hour === 15 ? 0.6 : hour === 12 ? 2 : 1;
      await sleep(scale(-Math.log(1 - Math.random()) * mean * busy));
      if (signal.aborted) break;
      const open = counters.filter((c) => c.state !== 'closed');
      const counter = open[Math.floor(Math.random() * open.length)];
      const serviceCode = counter?.services[Math.floor(Math.random() * counter.services.length)];
      if (!serviceCode) continue;
      const priority = Math.random() < 0.06 ? 'priority' : undefined;
      const result = await call('POST', '/api/tickets', kiosk, {
        serviceCode, priority, priorityReason: priority ? 'elderly' : undefined, requestId: `sim-${Date.now()}-${Math.random().toString(36).slice(2)}`,
      }).catch(() => null);
      if (result?.status === 201) issued += 1;
    }
  }

  async function counterWork(counter, staffUser) {
    const token = await login(staffUser);
    await call('POST', `/api/counters/${counter.id}/sign-in`, token).catch(() => null);
    const pad = credentials.devices.find((d) => d.kind === 'pad' && d.counterId === counter.id)?.token;
    while (!signal.aborted) {
      const next = await call('POST', `/api/counters/${counter.id}/call-next`, token).catch(() => null);
      if (!next || next.status !== 200) {
        // Nobody waiting (204), or the counter still holds someone after a restart: finish it and look again.
        const current = next?.status === 409 ? (await call('GET', `/api/counters/${counter.id}/queue`, token).catch(() => null))?.body?.counter?.current : null;
        if (current) await call('POST', `/api/tickets/${current.id}/finish`, token, {}).catch(() => null);
        await sleep(scale(20));
        continue;
      }
      const id = next.body.ticket.id;
      await sleep(scale(between([15, 60])));
      if (Math.random() < NO_SHOW_SHARE) {
        await call('POST', `/api/tickets/${id}/recall`, token).catch(() => null);
        await sleep(scale(30));
        await call('POST', `/api/tickets/${id}/recall`, token).catch(() => null);
        await sleep(scale(30));
        await call('POST', `/api/tickets/${id}/no-show`, token).catch(() => null);
        continue;
      }
      await call('POST', `/api/tickets/${id}/start`, token).catch(() => null);
      await sleep(scale(between(SERVICE_SECONDS)));
      const outcome = Math.random() < 0.85 ? 'resolved' : Math.random() < 0.6 ? 'pending' : 'referred';
      const finished = await call('POST', `/api/tickets/${id}/finish`, token, { outcome }).catch(() => null);
      if (finished?.status === 200) served += 1;
      if (pad && Math.random() < PAD_RATING_SHARE) {
        await sleep(scale(between([5, 20])));
        const score = pickScore();
        const dimension = () => Math.max(1, Math.min(5, score + Math.round(Math.random() * 2 - 1)));
        await call('POST', `/api/tickets/${id}/rating`, pad, {
          score, attitude: dimension(), efficiency: dimension(), policy: dimension(), competence: dimension(),
          comment: score <= 2 ? '等候时间太长，希望增加窗口' : undefined,
        }).catch(() => null);
      }
      await sleep(scale(between([5, 30])));
    }
  }

  const report = setInterval(() => log(`issued ${issued}, served ${served}`), 60_000);
  try {
    await Promise.all([visitors(), ...counters.map((counter, index) => counterWork(counter, staffUsers[index % staffUsers.length]))]);
  } finally {
    clearInterval(report);
  }
}
