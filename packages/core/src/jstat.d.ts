// The few jStat functions core uses; jstat ships no types of its own.
declare module 'jstat' {
  const jstat: {
    jStat: {
      mean(values: number[]): number;
      stdev(values: number[], sample?: boolean): number;
      normal: { inv(p: number, mean: number, sd: number): number };
    };
  };
  export default jstat;
}
