// Report maths shared by the hall and the city (pure, no I/O): both compute a summary with the same
// functions, so the city's figures for a hall equal the hall's own, p90 included. The .xlsx writer
// is here too: the hall server and the city console write the same workbooks with it.
export * from './summary';
export * from './rollup';
export * from './day-figures';
export * from './assessment';
export * from './xlsx-writer';
export * from './format';
export * from './report-columns';
