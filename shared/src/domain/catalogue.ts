import type { HallLevel } from './enums';

/** A service of the hall as configured at init; the admin console edits these afterwards. */
export interface ServiceDefinition {
  code: string;
  prefix: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  targetWaitMinutes: number;
  warnQueueLength: number;
  dailyQuota: number | null;
  opensAt: string;
  closesAt: string;
  ticketNotes: string;
}

/** The six services of a city hall (公共法律服务大厅). Codes double as number prefixes. */
export const SERVICE_CATALOGUE: readonly ServiceDefinition[] = [
  {
    code: 'A', prefix: 'A', nameZh: '法律援助', nameEn: 'Legal aid',
    descriptionZh: '经济困难公民申请免费法律帮助', descriptionEn: 'Free legal help for citizens in financial hardship',
    targetWaitMinutes: 20, warnQueueLength: 15, dailyQuota: null, opensAt: '08:30', closesAt: '17:30',
    ticketNotes: '请携带身份证、经济困难证明及案件相关材料',
  },
  {
    code: 'B', prefix: 'B', nameZh: '公证', nameEn: 'Notary',
    descriptionZh: '办理各类公证事项', descriptionEn: 'Notarization of documents and facts',
    targetWaitMinutes: 30, warnQueueLength: 20, dailyQuota: 200, opensAt: '08:30', closesAt: '17:00',
    ticketNotes: '请携带身份证原件及需公证的材料原件',
  },
  {
    code: 'C', prefix: 'C', nameZh: '人民调解', nameEn: "People's mediation",
    descriptionZh: '邻里、婚姻家庭、劳动等纠纷调解', descriptionEn: 'Mediation of neighbourhood, family and labour disputes',
    targetWaitMinutes: 20, warnQueueLength: 10, dailyQuota: null, opensAt: '08:30', closesAt: '17:30',
    ticketNotes: '请携带身份证及纠纷相关证据材料',
  },
  {
    code: 'D', prefix: 'D', nameZh: '司法鉴定', nameEn: 'Judicial appraisal',
    descriptionZh: '司法鉴定咨询与委托受理', descriptionEn: 'Forensic appraisal enquiries and intake',
    targetWaitMinutes: 30, warnQueueLength: 10, dailyQuota: 80, opensAt: '08:30', closesAt: '17:00',
    ticketNotes: '请携带委托材料及身份证件',
  },
  {
    code: 'E', prefix: 'E', nameZh: '法考事务', nameEn: 'Legal exam affairs',
    descriptionZh: '法律职业资格考试报名、证书办理', descriptionEn: 'Legal profession exam registration and certificates',
    targetWaitMinutes: 20, warnQueueLength: 10, dailyQuota: 100, opensAt: '08:30', closesAt: '17:00',
    ticketNotes: '请携带身份证及考试相关证明',
  },
  {
    code: 'F', prefix: 'F', nameZh: '法律咨询', nameEn: 'Legal consultation',
    descriptionZh: '律师现场解答法律问题', descriptionEn: 'Lawyers answer your legal questions',
    targetWaitMinutes: 15, warnQueueLength: 20, dailyQuota: null, opensAt: '08:30', closesAt: '17:30',
    ticketNotes: '咨询时间一般不超过30分钟',
  },
];

/** A service as the hall keeps it: its definition, whether it takes numbers, and its place in lists. */
export interface ServiceRecord extends ServiceDefinition {
  isOpen: boolean;
  sortOrder: number;
}

/** A counter as configured at init: its services in order of preference. */
export interface CounterDefinition {
  name: string;
  services: string[];
}

export interface HallProfile {
  level: HallLevel;
  services: ServiceDefinition[];
  counters: CounterDefinition[];
}

function pick(codes: string[], overrides: Partial<Record<string, Partial<ServiceDefinition>>> = {}): ServiceDefinition[] {
  return codes.map((code) => {
    const base = SERVICE_CATALOGUE.find((service) => service.code === code);
    if (!base) throw new Error(`unknown service ${code}`);
    return { ...base, ...overrides[code] };
  });
}

/**
 * Default services and counters per hall level (HALL_LEVEL at init). City halls run all six
 * services; smaller centres take intake for the rest and forward it to the county or city.
 */
export function hallProfile(level: HallLevel): HallProfile {
  switch (level) {
    case 'city':
      return {
        level,
        services: pick(['A', 'B', 'C', 'D', 'E', 'F']),
        counters: [
          { name: '1号窗口', services: ['A', 'F'] },
          { name: '2号窗口', services: ['A', 'C'] },
          { name: '3号窗口', services: ['B'] },
          { name: '4号窗口', services: ['B', 'D'] },
          { name: '5号窗口', services: ['C', 'F'] },
          { name: '6号窗口', services: ['E', 'F', 'D'] },
        ],
      };
    case 'county':
      return {
        level,
        services: pick(['A', 'C', 'B', 'F'], {
          B: { nameZh: '公证受理', nameEn: 'Notary intake', descriptionZh: '公证事项咨询与受理' },
        }),
        counters: [
          { name: '1号窗口', services: ['A', 'F'] },
          { name: '2号窗口', services: ['C', 'F'] },
          { name: '3号窗口', services: ['B', 'A'] },
        ],
      };
    case 'township':
      return {
        level,
        services: pick(['C', 'F', 'A'], {
          A: { nameZh: '法律援助受理', nameEn: 'Legal aid intake', descriptionZh: '受理法律援助申请，转县级中心审批' },
        }),
        counters: [
          { name: '1号窗口', services: ['C', 'A'] },
          { name: '2号窗口', services: ['F', 'A'] },
        ],
      };
    case 'village':
      return {
        level,
        services: pick(['F', 'C']),
        counters: [{ name: '服务窗口', services: ['F', 'C'] }],
      };
  }
}
