/** The few jStat distributions the statistics use (jstat ships no types). */
declare module 'jstat' {
  interface Distribution2 {
    cdf(x: number, df: number): number;
    inv(p: number, df: number): number;
  }
  export const jStat: {
    studentt: Distribution2;
    chisquare: Distribution2;
    normal: { inv(p: number, mean: number, sd: number): number; cdf(x: number, mean: number, sd: number): number };
  };
}
