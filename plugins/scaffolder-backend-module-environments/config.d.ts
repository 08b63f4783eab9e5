export interface Config {
  /** Terrace: the environment suite's settings. */
  terrace?: {
    /** Where `terrace:git:publish` puts repositories when no remote URL is given. */
    publish?: {
      /**
       * Local folder holding one bare git repository per environment (`<name>.git`) and a
       * checked-out copy beside it (`<name>`), which the catalog reads. Lets the demo run with no
       * git host. Default: `terrace-repos` in the OS temporary folder.
       */
      localRoot?: string;
      /** Branch that is pushed. Default `main`. */
      defaultBranch?: string;
      /** Commit author name. Default `Terrace`. */
      authorName?: string;
      /** Commit author email. Default `terrace@localhost`. */
      authorEmail?: string;
    };
    /** How `terrace:terraform:apply` runs Terraform. */
    terraform?: {
      /**
       * Where apply runs: `local` (Terraform on the Backstage host; only Terrace-generated
       * configuration), `ci` (the repository's workflow applies on merge) or `hcp` (HCP
       * Terraform / Terraform Enterprise). Default `ci`.
       */
      executor?: 'local' | 'ci' | 'hcp';
      /**
       * Executors a template may choose (the `executor` input). Default: the configured
       * `executor` and `ci`, so a form cannot run Terraform on the host unless allowed here.
       */
      allowedExecutors?: Array<'local' | 'ci' | 'hcp'>;
      /**
       * The binary for the local executor: `terraform` (1.5.7 or later), `tofu` (OpenTofu) or an
       * absolute path. Default `terraform`. Each run's log starts with its version line.
       */
      binary?: string;
      /**
       * Host-side files for the local executor that never go into an environment's repository,
       * e.g. to point the AWS provider and the S3 backend at an emulator or a proxy.
       */
      local?: {
        /**
         * Terraform override files (`.tf` / `.tf.json`) on the Backstage host, copied beside the
         * generated files for each run as `<name>_override.tf` and removed after it (so they are
         * never committed). They go through the same guard as generated configuration. A `backend`
         * block here would replace the generated one wholesale: use `backendConfigFiles`.
         */
        overrideFiles?: string[];
        /**
         * Backend configuration files (`key = value`, `.tfbackend`) on the Backstage host, passed
         * to `init` as `-backend-config=<file>`: merged into the generated backend block.
         */
        backendConfigFiles?: string[];
        /**
         * An AWS emulator or proxy that every AWS call of a local run goes to, e.g.
         * `http://127.0.0.1:5000` (moto, as the demo sets it): Terrace writes the AWS provider
         * override (every service it generates, path-style S3) and the S3 backend configuration
         * (in the setting names of the binary's version) for each run. Leave unset for real AWS.
         */
        awsEndpoint?: string;
      };
      /** A run is stopped (interrupt, then terminate) after this many minutes. Default 30. */
      timeoutMinutes?: number;
      /** Folder for the per-environment apply locks. Default: in the OS temporary folder. */
      lockDirectory?: string;
    };
    /** HCP Terraform / Terraform Enterprise, for the `hcp` executor. */
    hcp?: {
      /** API address. Default `https://app.terraform.io`. */
      address?: string;
      /**
       * API token (team or user token) allowed to manage the organization's workspaces.
       * @visibility secret
       */
      token: string;
      /** Organization that holds the workspaces. */
      organization: string;
      /** Workspace name = prefix + environment name. Default `terrace-`. */
      workspacePrefix?: string;
    };
    /** How `terrace:catalog:register` waits for the new entity. */
    catalog?: {
      /** Seconds to wait for the registered entity to appear in the catalog. Default 60. */
      waitSeconds?: number;
    };
  };
}
