/** One measurement of `npm run bench`, with the baseline measured in the same run. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  /** value / baseline.value */
  ratio?: number;
  /** What the design asks for, e.g. '>= 100000 patterns/s'. */
  target?: string;
}
