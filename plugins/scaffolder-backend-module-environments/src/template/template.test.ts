import { promises as fs } from 'node:fs';
import path from 'node:path';
import { cloudRegions, tierPresets } from '@terrace/plugin-environments-common';
import yaml from 'yaml';
import { buildCreateEnvironmentTemplate } from './buildTemplate';

const TEMPLATE = path.resolve(
  __dirname,
  '../../../catalog-backend-module-environments-template/templates/create-environment/template.yaml',
);
const HEADER =
  '# Generated from the spec schema, region lists and tier presets by\n' +
  '# plugins/scaffolder-backend-module-environments/src/template/buildTemplate.ts.\n' +
  '# Regenerate: TERRACE_WRITE_TEMPLATE=1 yarn backstage-cli package test --ci src/template\n';

/** The template file's text: what `buildCreateEnvironmentTemplate` returns, as YAML. */
function renderTemplate() {
  return (
    HEADER +
    yaml.stringify(buildCreateEnvironmentTemplate(), {
      lineWidth: 0,
      singleQuote: true,
    })
  );
}

describe('the Create environment template.yaml', () => {
  it('is exactly what buildTemplate produces (regenerate with TERRACE_WRITE_TEMPLATE=1)', async () => {
    if (process.env.TERRACE_WRITE_TEMPLATE === '1') {
      await fs.mkdir(path.dirname(TEMPLATE), { recursive: true });
      await fs.writeFile(TEMPLATE, renderTemplate());
    }
    expect(await fs.readFile(TEMPLATE, 'utf8')).toBe(renderTemplate());
  });

  const template = buildCreateEnvironmentTemplate();
  const pages = template.spec.parameters;

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

  it('shows tier defaults as placeholders for component fields', () => {
    const components = pages.find((p: any) => p.title === 'Components')
      .properties.components;
    const postgres = components.items.dependencies.type.oneOf.find(
      (b: any) => b.properties.type.const === 'postgres',
    );
    expect(postgres.properties.size['ui:placeholder']).toContain(
      `dev: aws ${tierPresets.dev.postgres.size.aws}`,
    );
    expect(postgres.properties.storageGb['ui:placeholder']).toBe(
      `dev: ${tierPresets.dev.postgres.storageGb} · staging: ${tierPresets.staging.postgres.storageGb} · prod: ${tierPresets.prod.postgres.storageGb}`,
    );
    expect(postgres.properties.highAvailability['ui:help']).toMatch(
      /^Tier default: dev: no/,
    );
  });

  it('prices the form on the review page with the EnvironmentEstimate field', () => {
    const review = pages.find((p: any) => p.title === 'Review');
    expect(review.properties.estimate['ui:field']).toBe('EnvironmentEstimate');
  });

  it('runs validate + generate, estimate, publish, apply, register in that order', () => {
    expect(template.spec.steps.map((s: any) => s.action)).toEqual([
      'terrace:environment:generate',
      'terrace:environment:estimate',
      'terrace:git:publish',
      'publish:github',
      'terrace:terraform:apply',
      'terrace:catalog:register',
      'catalog:register',
    ]);
  });
});
