export interface Config {
  terrace?: {
    estimate?: {
      /**
       * Monthly total, in the estimate's currency (USD), above which the Create environment form
       * warns that the environment is expensive; a stronger warning names a single line that is
       * more than half of the total. Default 1000.
       * @visibility frontend
       */
      warnAboveMonthly?: number;
    };
  };
}
