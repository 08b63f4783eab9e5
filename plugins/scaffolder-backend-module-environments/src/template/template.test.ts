import {
  ENVIRONMENT_FORM_FIELDS,
  cloudRegions,
  tierPresets,
} from '@terrace/plugin-environments-common';
import { buildCreateEnvironmentTemplate } from './buildTemplate';
import { committedTemplate } from './__testUtils__/committedTemplate';

describe('the Create environment template.yaml', () => {
  it('is exactly what buildTemplate produces (regenerate with TERRACE_WRITE_TEMPLATE=1)', async () => {
    const { committed, rendered } = await committedTemplate({
      name: 'create-environment',
      generatedBy: ['Generated from the spec schema, region lists and tier presets by', 'plugins/scaffolder-backend-module-environments/src/template/buildTemplate.ts.'],
      document: buildCreateEnvironmentTemplate(),
    });
    expect(committed).toBe(rendered);
  });

  const template = buildCreateEnvironmentTemplate();
  const pages = template.spec.parameters;

  it('asks for no approval in the form: a prod apply waits for a second person, as the Apply page says', () => {
    const apply = pages.find((p: any) => p.title === 'Apply');
    expect(apply.properties.approved).toBeUndefined();
    expect(apply.description).toContain(
      'Applying a prod environment waits until someone other than you',
    );
    const step = template.spec.steps.find((s: any) => s.id === 'apply');
    expect(step.input.approved).toBeUndefined();
  });

  it('lists each cloud with its own regions', () => {
    const cloud = pages.find((p: any) => p.title === 'Cloud');
    for (const branch of cloud.dependencies.cloud.oneOf) {
      expect(branch.properties.region.enum).toEqual([
        ...(cloudRegions as any)[branch.properties.cloud.const],
      ]);
    }
  });

  it('describes what each tier implies', () => {
    const tier = pages.find((p: any) => p.title === 'Cloud').properties.tier;
    expect(tier.enumNames[2]).toBe(
      `prod — ${tierPresets.prod.policy.description}`,
    );
  });

  it('gives every per-type component field the ComponentSetting field, not a merged placeholder', () => {
    const components = pages.find((p: any) => p.title === 'Components')
      .properties.components;
    const fields = components.items.dependencies.type.oneOf.flatMap(
      (branch: any) =>
        Object.entries<any>(branch.properties).filter(([f]) => f !== 'type'),
    );
    expect(fields.length).toBeGreaterThan(30);
    const hinted = fields.filter(
      ([, p]: [string, any]) =>
        p['ui:placeholder'] !== undefined || p['ui:help'] !== undefined,
    );
    expect(hinted).toEqual([]);
    const scalars = fields.filter(([, p]: [string, any]) => p.type !== 'array');
    expect(
      scalars.map(([f, p]: [string, any]) => `${f}: ${p['ui:field']}`),
    ).toEqual(scalars.map(([f]: [string, any]) => `${f}: ComponentSetting`));
  });

  it('says what a patterned field must look like instead of showing the pattern', () => {
    const basics = pages.find((p: any) => p.title === 'Basics');
    expect(basics.properties.name['ui:field']).toBe('EnvironmentName');
    expect(basics.properties.name.errorMessage.pattern).toMatch(
      /^must be 3-32 characters of lowercase letters/,
    );
    const components = pages.find((p: any) => p.title === 'Components')
      .properties.components;
    const postgres = components.items.dependencies.type.oneOf.find(
      (b: any) => b.properties.type.const === 'postgres',
    );
    expect(postgres.properties.version.errorMessage.pattern).toBe(
      'must be a version number such as 16 or 7.1',
    );
  });

  it('prices the form on the Components step and on the last step before Create', () => {
    const components = pages.find((p: any) => p.title === 'Components');
    expect(components.properties.componentsEstimate['ui:field']).toBe(
      'EnvironmentEstimate',
    );
    const last = pages[pages.length - 1];
    expect(last.title).toBe('Apply');
    expect(last.properties.estimate['ui:field']).toBe('EnvironmentEstimate');
    expect(last['ui:order'].at(-1)).toBe('estimate');
  });

  it('passes every form field the pages ask for to the generate step, as the user filled it in', () => {
    const generate = template.spec.steps.find((s: any) => s.id === 'generate');
    const formInputs = Object.entries(generate.input).filter(
      ([field]) => !['sourceLocation', 'accountId', 'executor'].includes(field),
    );
    expect(formInputs).toEqual(
      [
        'name',
        'title',
        'description',
        'owner',
        'system',
        'cloud',
        'region',
        'tier',
        'components',
        'expiresInDays',
        'destroyOnExpiry',
      ].map(field => [field, `\${{ parameters.${field} }}`]),
    );
    for (const [field] of formInputs) {
      expect(Object.keys(ENVIRONMENT_FORM_FIELDS)).toContain(field);
    }
  });

  it('offers a TTL (none, 7, 14, 30 days) and destroy-on-expiry for dev and staging only', () => {
    const cloud = pages.find((p: any) => p.title === 'Cloud');
    const [preview, prod] = cloud.dependencies.tier.oneOf;
    expect(preview.properties.tier.enum).toEqual(['dev', 'staging']);
    expect(preview.properties.expiresInDays.enum).toEqual([0, 7, 14, 30]);
    expect(preview.properties.expiresInDays.enumNames[0]).toBe(
      'Never (no expiry)',
    );
    expect(preview.properties.destroyOnExpiry.default).toBe(false);
    expect(prod.properties).toEqual({ tier: { enum: ['prod'] } });
  });

  it('asks for the account on the Cloud step and applies in the account the generate step chose', () => {
    const cloud = pages.find((p: any) => p.title === 'Cloud');
    expect(cloud.properties.accountId['ui:field']).toBe('EnvironmentAccount');
    // required or not depends on how many accounts the portal has: the field decides
    expect(cloud.required).not.toContain('accountId');
    const step = (id: string) =>
      template.spec.steps.find((s: any) => s.id === id);
    expect(step('generate').input.accountId).toBe(
      '${{ parameters.accountId }}',
    );
    expect(step('apply').input.accountId).toBe(
      '${{ steps.generate.output.accountId }}',
    );
  });

  it('records the executor chosen on the Apply step on the entity (generate) and applies with it', () => {
    const step = (id: string) =>
      template.spec.steps.find((s: any) => s.id === id);
    expect(step('generate').input.executor).toBe('${{ parameters.executor }}');
    expect(step('apply').input.executor).toBe('${{ parameters.executor }}');
  });

  it('runs validate + generate, estimate, publish, register, apply in that order (the entity page follows the apply)', () => {
    expect(template.spec.steps.map((s: any) => s.action)).toEqual([
      'terrace:environment:generate',
      'terrace:environment:estimate',
      'terrace:git:publish',
      'publish:github',
      'terrace:catalog:register',
      'catalog:register',
      'terrace:terraform:apply',
    ]);
  });
});
