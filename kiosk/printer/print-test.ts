/**
 * Prints a sample Chinese ticket to a real printer and says what happened:
 *   npm run print-test -- --printer tcp://192.168.1.50:9100
 */
import { createPrinter } from './printer';
import { parsePrintTestArgs } from './print-test-args';
import { encodeTicket, type PrintableTicket } from './ticket-layout';

async function main(): Promise<number> {
  let args;
  try {
    args = parsePrintTestArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  const ticket: PrintableTicket = {
    hallName: '公共法律服务中心（打印测试）',
    serviceName: '法律援助申请',
    number: args.priority ? 'A001' : 'A012',
    checkCode: '1234',
    waitingAhead: 3,
    estimatedWaitMinutes: 15,
    issuedAt: new Date().toISOString(),
    trackingUrl: 'https://example.cn/t/PRINTTEST',
    ticketNotes: '打印测试：请核对中文、对齐、大号票号和其下的验证码、二维码（扫码应打开 https://example.cn/t/PRINTTEST）和切纸。生僻字：䶮 𠀀',
    priority: args.priority ? 'priority' : 'normal',
  };
  const layout = { columns: args.columns, numberScale: args.numberScale };
  const printer = createPrinter(args.printer, { layout });
  try {
    const before = await printer.status();
    console.log(`printer ${args.printer}: status ${before.state}${before.message ? ` (${before.message})` : ''}`);
    const started = Date.now();
    const result = await printer.print(ticket);
    const bytes = encodeTicket(ticket, layout).length;
    if (result.ok) {
      console.log(`printed sample ticket ${ticket.number}: ${bytes} bytes in ${Date.now() - started} ms`);
      return 0;
    }
    console.error(`NOT printed: ${result.fault.state}${result.fault.message ? ` — ${result.fault.message}` : ''}`);
    return 1;
  } finally {
    await printer.close();
  }
}

process.exitCode = await main();
