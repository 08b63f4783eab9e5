export interface Config {
  /** Terrace: the environment suite's settings. */
  terrace?: {
    /** Approval of production applies and destroys by a second person. */
    approvals?: {
      /**
       * How long a task waits for someone other than the requester to approve a `prod` apply or
       * destroy in the portal, in minutes; the task then fails, saying so. Default 1440 (24 hours).
       */
      waitMinutes?: number;
      /**
       * The tiers whose applies and destroys wait for a second person. Default `[prod]`; `[]`
       * turns approvals off (a portal with one user, such as the demo's guest, could never
       * approve).
       */
      tiers?: Array<'dev' | 'staging' | 'prod'>;
    };
    /**
     * Display names of the accounts new environments may be placed in. The accounts themselves
     * are those the AWS integration lists (`aws.accounts[].accountId`, with their credentials);
     * the Create environment form offers them (preselected when there is one, to be chosen when
     * there are several) and the generate and apply actions accept only them.
     */
    accounts?: {
      /** AWS: one entry per account of `aws.accounts` to show with a name. */
      aws?: Array<{
        /** The 12-digit account id, as listed under `aws.accounts`. */
        accountId: string;
        /** The name the form shows, e.g. `Shop production`. */
        title?: string;
      }>;
    };
  };
}
