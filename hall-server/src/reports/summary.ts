// The report maths live in shared/src/reports so the city server computes the same figures.
export * from '@hall/shared/reports';
