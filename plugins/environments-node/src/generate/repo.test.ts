import { parse as parseHcl } from '@cdktf/hcl2json';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  environmentSchema,
  resolveEnvironment,
} from '@terrace/plugin-environments-common';
import {
  generateCase,
  referenceStacks,
  resolveCase,
  variations,
} from './__testUtils__/fixtures';
import { terraformEmitters } from './emitters';
import { generateEnvironmentRepo } from './repo';

jest.setTimeout(120_000);

const byName = (name: string) =>
  [...referenceStacks(), ...variations()].find(c => c.name === name)!;

/** All .tf files of a generated repo merged into one parsed document. */
async function terraform(files: Record<string, string>): Promise<any> {
  const merged: Record<string, Record<string, Record<string, any[]>>> = {};
  for (const [file, content] of Object.entries(files)) {
    if (!file.endsWith('.tf')) continue;
    const doc = await parseHcl(file, content);
    for (const [kind, types] of Object.entries(doc)) {
      merged[kind] ??= {};
      for (const [type, names] of Object.entries(
        types as Record<string, any>,
      )) {
        merged[kind][type] = { ...merged[kind][type], ...names };
      }
    }
  }
  return merged;
}

describe('generateEnvironmentRepo', () => {
  it('writes the environment entity with the terrace.dev annotations', async () => {
    const files = await generateCase(byName('aussie-markets-staging'));
    const entity = parseYaml(files['catalog-info.yaml']);
    expect(entity).toMatchObject({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'aussie-markets-staging',
        title: 'Aussie Markets staging',
        annotations: {
          'terrace.dev/cloud': 'aws',
          'terrace.dev/region': 'ap-southeast-2',
          'terrace.dev/tier': 'staging',
        },
      },
      spec: {
        type: 'environment',
        owner: 'group:default/markets',
        system: 'aussie-markets',
      },
    });
    expect(entity.metadata.tags).toEqual(
      expect.arrayContaining(['aws', 'staging']),
    );
    expect(parseYaml(files['environment.yaml'])).toEqual(
      byName('aussie-markets-staging').spec,
    );
  });

  it('records the executor that owns the environment, when given, for the drift check', async () => {
    const c = byName('aussie-markets-staging');
    const resolved = resolveCase(c);
    const annotationsOf = async (executor?: 'local' | 'ci' | 'hcp') =>
      parseYaml(
        (
          await generateEnvironmentRepo(resolved, { spec: c.spec, executor })
        ).get('catalog-info.yaml')!,
      ).metadata.annotations;
    expect((await annotationsOf('ci'))['terrace.dev/terraform-executor']).toBe(
      'ci',
    );
    expect((await annotationsOf('hcp'))['terrace.dev/terraform-executor']).toBe(
      'hcp',
    );
    expect(await annotationsOf()).not.toHaveProperty(
      'terrace.dev/terraform-executor',
    );
  });

  it("keeps Terraform's working files out of a commit of the whole clone, and its lock file in", async () => {
    const files = await generateCase(byName('mve-production'));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'terrace-gitignore-'));
    try {
      const write = (file: string, content: string) => {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), content);
      };
      for (const [file, content] of Object.entries(files)) write(file, content);
      // What `terraform init`, `plan -out=tfplan` and a crash leave in terraform/ (the README's commands)
      write(
        'terraform/.terraform/providers/registry.terraform.io/hashicorp/aws/terraform-provider-aws',
        'binary',
      );
      write('terraform/.terraform/modules/modules.json', '{}');
      write('terraform/.terraform.lock.hcl', '# lock\n');
      write('terraform/tfplan', 'plan with sensitive values');
      write('terraform/destroy.tfplan', 'plan');
      write('terraform/terraform.tfstate', '{}');
      write('terraform/terraform.tfstate.backup', '{}');
      write('terraform/.terraform.tfstate.lock.info', '{}');
      write('terraform/crash.log', 'panic');
      const git = (...args: string[]) =>
        execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
      git('init', '-q');
      git('add', '--all');
      const staged = git('diff', '--cached', '--name-only')
        .trim()
        .split('\n')
        .sort();
      expect(staged).toEqual(
        [...Object.keys(files), 'terraform/.terraform.lock.hcl'].sort(),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('puts the estimate in cost.json and the README cost table', async () => {
    const files = await generateCase(byName('mve-production'));
    const cost = JSON.parse(files['cost.json']);
    expect(cost.currency).toBe('USD');
    expect(cost.monthly).toBeGreaterThan(0);
    expect(files['README.md']).toContain('## Cost');
    expect(files['README.md']).toContain(`$${cost.monthly.toFixed(2)}`);
    expect(files['README.md']).toContain('terraform destroy');
  });

  it('tags through default_tags, names alarms <env>/<component>/<check> and keeps state per environment', async () => {
    const files = await generateCase(byName('mve-production'));
    const tf = await terraform(files);
    const tags = tf.provider.aws[0].default_tags[0].tags;
    expect(tags['terrace:environment']).toBe('mve-production');
    const alarms = Object.values(
      tf.resource.aws_cloudwatch_metric_alarm as Record<string, any[]>,
    ).map(([a]) => a.alarm_name);
    expect(alarms).toEqual(
      expect.arrayContaining([
        'mve-production/db/cpu-high',
        'mve-production/cache/evictions',
        'mve-production/backend/5xx-high',
      ]),
    );
    for (const [a] of Object.values(
      tf.resource.aws_cloudwatch_metric_alarm as Record<string, any[]>,
    )) {
      expect(a.alarm_actions).toEqual(['${aws_sns_topic.alarms.arn}']);
    }
    const backendDoc: any = await parseHcl(
      'backend.tf',
      files['terraform/backend.tf'],
    );
    const backend = backendDoc.terraform[0].backend.s3[0];
    expect(backend.key).toBe('environments/mve-production/terraform.tfstate');
    expect(backend.dynamodb_table).toBeTruthy();
    expect(backend.encrypt).toBe(true);
  });

  it('pins the AWS provider to the account chosen for the environment, and to none without one', async () => {
    const c = byName('aussie-markets-staging');
    const placed = await generateEnvironmentRepo(
      { ...resolveCase(c), accountId: '210987654321' },
      { spec: c.spec },
    );
    const pinned = await terraform(Object.fromEntries(placed));
    expect(pinned.provider.aws[0].allowed_account_ids).toEqual([
      '210987654321',
    ]);
    const unplaced = await terraform(await generateCase(c));
    expect(unplaced.provider.aws[0].allowed_account_ids).toBeUndefined();
  });

  it('makes a prod database Multi-AZ, protected, encrypted, with its password only in Secrets Manager', async () => {
    const tf = await terraform(await generateCase(byName('variation-prod')));
    const [db] = tf.resource.aws_db_instance.db;
    expect(db).toMatchObject({
      multi_az: true,
      deletion_protection: true,
      storage_encrypted: true,
      storage_type: 'gp3',
      iam_database_authentication_enabled: true,
      performance_insights_enabled: true,
      backup_retention_period: 14,
      password: '${random_password.db_master.result}',
    });
    expect(tf.resource.aws_db_instance.db_replica[0].replicate_source_db).toBe(
      '${aws_db_instance.db.identifier}',
    );
    expect(tf.resource.aws_secretsmanager_secret.db_master[0].name).toBe(
      'var-prod/db/master-${random_id.db_master_secret_name.hex}',
    );
    expect(Object.keys(tf.resource.aws_cloudwatch_metric_alarm)).toContain(
      'db_replica_lag_high',
    );
  });

  it('turns on Redis failover with replicas and keeps the auth token in Secrets Manager', async () => {
    const tf = await terraform(await generateCase(byName('variation-prod')));
    const [cache] = tf.resource.aws_elasticache_replication_group.cache;
    expect(cache).toMatchObject({
      automatic_failover_enabled: true,
      multi_az_enabled: true,
      num_cache_clusters: 2,
      at_rest_encryption_enabled: true,
      transit_encryption_enabled: true,
      auth_token: '${random_password.cache_auth.result}',
    });
  });

  it('lets a public bucket be read only by its CloudFront distribution and routes /api/* to the service', async () => {
    const tf = await terraform(await generateCase(byName('mve-production')));
    expect(
      tf.resource.aws_s3_bucket_public_access_block.static[0]
        .block_public_policy,
    ).toBe(true);
    const policy = tf.resource.aws_s3_bucket_policy.static[0].policy;
    expect(policy).toContain('cloudfront.amazonaws.com');
    expect(policy).toContain('aws_cloudfront_distribution.web.arn');
    expect(tf.resource.aws_s3_bucket_policy.documents[0].policy).not.toContain(
      'cloudfront',
    );
    const [dist] = tf.resource.aws_cloudfront_distribution.web;
    expect(dist.ordered_cache_behavior[0]).toMatchObject({
      path_pattern: '/api/*',
      target_origin_id: 'backend',
    });
    expect(dist.default_cache_behavior[0].viewer_protocol_policy).toBe(
      'redirect-to-https',
    );
    expect(dist.default_cache_behavior[0].response_headers_policy_id).toBe(
      '${aws_cloudfront_response_headers_policy.web.id}',
    );
  });

  it('lets only the services reach the data stores', async () => {
    const tf = await terraform(
      await generateCase(byName('aussie-markets-staging')),
    );
    const ingress = Object.values(
      tf.resource.aws_vpc_security_group_ingress_rule as Record<string, any[]>,
    ).map(([r]) => r);
    const toDb = ingress.filter(
      r => r.security_group_id === '${aws_security_group.db.id}',
    );
    expect(toDb).toEqual([
      expect.objectContaining({
        referenced_security_group_id: '${aws_security_group.api.id}',
        from_port: 5432,
        to_port: 5432,
      }),
    ]);
    expect(
      ingress
        .filter(r => r.cidr_ipv4 === '0.0.0.0/0')
        .map(r => r.security_group_id),
    ).toEqual([
      '${aws_security_group.api_alb.id}',
      '${aws_security_group.api_alb.id}',
    ]);
  });

  it('builds the workflow: plan on pull request with a comment, apply on main, OIDC, one concurrency group', async () => {
    const files = await generateCase(byName('aussie-markets-staging'));
    const wf = parseYaml(files['.github/workflows/terraform.yml']);
    expect(wf.concurrency.group).toBe('terraform-aussie-markets-staging');
    expect(wf.permissions['id-token']).toBe('write');
    expect(wf.jobs.plan.if).toContain('pull_request');
    expect(wf.jobs.apply.if).toContain('refs/heads/main');
    // drift: a scheduled plan whose exit code 2 (drift) fails the job, so the checks show it
    expect(wf.on.schedule).toEqual([{ cron: '17 */6 * * *' }]);
    expect(wf.jobs.drift.if).toBe("github.event_name == 'schedule'");
    expect(wf.jobs.plan.if).not.toContain('schedule');
    expect(wf.jobs.apply.if).not.toContain('schedule');
    expect(wf.jobs.drift.steps.at(-1).run).toMatch(
      /^terraform plan .*-detailed-exitcode /m,
    );
    // the plan file is only shown (its changed addresses), never applied
    expect(JSON.stringify(wf.jobs.drift)).not.toMatch(/terraform apply/);
    expect(JSON.stringify(wf.jobs.plan.steps)).toContain('createComment');
    expect(JSON.stringify(wf)).toContain('configure-aws-credentials');
    expect(JSON.stringify(wf)).not.toMatch(
      /aws-access-key-id|aws-secret-access-key/,
    );
  });

  it('hands the secrets to the service containers and installs the memory agent on VM groups', async () => {
    const files = await generateCase(byName('variation-staging'));
    const tf = await terraform(files);
    const containers =
      tf.resource.aws_ecs_task_definition.api[0].container_definitions;
    expect(containers).toContain('STRIPE_KEY');
    expect(containers).toContain('aws_ssm_parameter.app_stripe_key.arn');
    expect(containers).toContain('readonlyRootFilesystem');
    // The agent resolves this placeholder on the instance: Terraform must keep it literal.
    expect(files['terraform/vm-group-workers.tf']).toContain(
      '"$${aws:AutoScalingGroupName}"',
    );
    expect(
      tf.resource.aws_launch_template.workers[0].metadata_options[0]
        .http_tokens,
    ).toBe('required');
  });

  it('puts MongoDB on Atlas with keys from variables, PrivateLink in prod and the allowed CIDR otherwise', async () => {
    const staging = await generateCase(byName('variation-staging'));
    const tf = await terraform(staging);
    expect(
      tf.resource.mongodbatlas_project_ip_access_list.docs[0].cidr_block,
    ).toBe('10.20.0.0/16');
    expect(tf.resource.mongodbatlas_advanced_cluster.docs[0]).toMatchObject({
      cluster_type: 'REPLICASET',
      backup_enabled: true,
    });
    expect(tf.resource.mongodbatlas_privatelink_endpoint).toBeUndefined();
    expect(tf.provider.mongodbatlas[0].private_key).toBe(
      '${var.atlas_private_key}',
    );
    expect(tf.variable.atlas_private_key[0].sensitive).toBe(true);
    expect(staging['terraform/terraform.tfvars']).not.toMatch(/^atlas_/m);
    expect(staging['.github/workflows/terraform.yml']).toContain(
      'secrets.ATLAS_PRIVATE_KEY',
    );

    const prod = await terraform(await generateCase(byName('variation-prod')));
    expect(
      prod.resource.mongodbatlas_advanced_cluster.docs[0].pit_enabled,
    ).toBe(true);
    expect(prod.resource.aws_vpc_endpoint.docs[0].vpc_endpoint_type).toBe(
      'Interface',
    );
    expect(
      prod.resource.mongodbatlas_privatelink_endpoint_service.docs[0]
        .endpoint_service_id,
    ).toBe('${aws_vpc_endpoint.docs.id}');
  });

  it('keeps secrets whose names differ only in punctuation apart', async () => {
    const c = structuredClone(byName('variation-staging'));
    const components = (c.spec.spec as any).components as any[];
    components.find(x => x.type === 'secrets').names = [
      'stripe-key',
      'stripe.key',
      'STRIPE_KEY',
    ];
    const files = await generateCase(c);
    const tf = await terraform(files);
    const params = Object.values(
      tf.resource.aws_ssm_parameter as Record<string, any[]>,
    ).map(([p]) => p.name);
    expect(params.sort()).toEqual([
      '/var-staging/app/STRIPE_KEY',
      '/var-staging/app/stripe-key',
      '/var-staging/app/stripe.key',
    ]);
    const service = files['terraform/service-api.tf'];
    for (const name of ['STRIPE_KEY', 'STRIPE_KEY_2', 'STRIPE_KEY_3']) {
      expect(service).toMatch(new RegExp(`name\\s+= "${name}"`));
    }
  });

  it('refuses component names that would take a generated address twice, naming the component', async () => {
    const c = structuredClone(byName('aussie-markets-staging'));
    const components = (c.spec.spec as any).components as any[];
    components.push({
      name: 'api-alb',
      type: 'redis',
      version: '7.0',
      size: 'cache.t3.micro',
    });
    // Validation says it first, at the field, from the AWS naming table.
    expect(() => resolveCase(c)).toThrow(
      /spec\.components\[6\]\.name: makes AWS names that AWS refuses: security group name "aussie-markets-staging-api-alb" is already the name of spec\.components\[2\]/,
    );
    // The generator still refuses it when handed an unvalidated model.
    const resolved = resolveEnvironment(environmentSchema.parse(c.spec));
    await expect(
      generateEnvironmentRepo(resolved, { spec: c.spec }),
    ).rejects.toThrow(
      /spec\.components\[6\]\.name: gives the Terraform address resource\.aws_security_group\.api_alb twice/,
    );
  });

  it('rejects a cloud it cannot generate yet with a clear message', async () => {
    const resolved = {
      ...resolveCase(byName('aussie-markets-staging')),
      cloud: 'gcp' as const,
    };
    await expect(
      generateEnvironmentRepo(resolved, {
        spec: {},
        emitters: { aws: terraformEmitters.aws },
      }),
    ).rejects.toThrow(/only aws/);
  });
});
