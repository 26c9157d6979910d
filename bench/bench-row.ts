/** One line of the benchmark table. */
export interface BenchRow {
  benchmark: string;
  result: number;
  unit: string;
  target?: string;
  verdict?: 'pass' | 'fail' | '';
  note?: string;
}
