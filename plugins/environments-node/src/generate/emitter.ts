import type {
  Cloud,
  ResolvedComponent,
  ResolvedEnvironment,
} from '@terrace/plugin-environments-common';

/**
 * Names the Terraform address of a resource an emitter creates for a component: `type.local`
 * (`aws_lb.api_alb`). `component` undefined names an environment-wide resource by `suffix` alone;
 * a `suffix` of `*` stands for all resources of that type and component. The estimator names the
 * resource of every cost line with it, so a renamed resource cannot leave a line pointing at
 * nothing.
 * @public
 */
export type TerraformNaming = (
  type: string,
  component: string | undefined,
  suffix?: string,
) => string;

/** @public What a cloud's emitter says in the environment repo's README. */
export interface EmitterReadme {
  /** One table cell: what a component becomes on this cloud (`RDS PostgreSQL 16, db.t3.micro, ...`). */
  describeComponent(component: ResolvedComponent): string;
  /** Where the alarms notify, completing "Alarms (n) notify ..." (e.g. `the SNS topic \`shop-alarms\``). */
  alarmTarget(env: ResolvedEnvironment): string;
  /** Where the Terraform state lives and how it is locked: one paragraph. */
  state(env: ResolvedEnvironment): string;
  /** How the workflow gets cloud credentials, completing "(`.github/workflows/terraform.yml`, ...)". */
  workflowCredentials(env: ResolvedEnvironment): string;
  /** Where secret values live instead of the repo: lines of one paragraph. */
  secrets(env: ResolvedEnvironment): string[];
  /**
   * What to do before `terraform destroy` beyond turning deletion protection off (e.g. emptying
   * buckets that keep their objects): lines of one paragraph, none when nothing.
   */
  beforeDestroy?(env: ResolvedEnvironment): string[];
  /**
   * What `terraform destroy` leaves of the data, completing the destroy sentence (e.g. `Databases
   * leave a final snapshot.`); nothing is said when absent.
   */
  dataAfterDestroy?(env: ResolvedEnvironment): string;
}

/**
 * Turns a resolved environment of one cloud into its Terraform root module and the cloud-specific
 * parts of the repo around it. Register one per cloud in `terraformEmitters`, or pass your own to
 * `generateEnvironmentRepo(resolved, { emitters })`.
 * @public
 */
export interface TerraformEmitter {
  readonly cloud: Cloud;
  /**
   * The files under `terraform/`: file name to content, formatted as `terraform fmt` writes it.
   * Same input, same bytes. Throws InputError naming the field for a spec it cannot generate.
   */
  generate(env: ResolvedEnvironment): Promise<Record<string, string>>;
  /** The naming of this emitter's Terraform addresses; the cloud's pricer uses the same. */
  address: TerraformNaming;
  readme: EmitterReadme;
  /**
   * GitHub Actions steps that give the plan and apply jobs the cloud's credentials (OIDC, no
   * stored keys); they run after checkout and setup-terraform, before `terraform init`.
   */
  workflowCredentialSteps(
    env: ResolvedEnvironment,
  ): Array<Record<string, unknown>>;
}

/** @public The emitters by cloud; a cloud without one cannot be generated. */
export type TerraformEmitters = Readonly<
  Partial<Record<Cloud, TerraformEmitter>>
>;
