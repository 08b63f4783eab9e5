import {
  environmentFormFromSpec,
  type EnvironmentForm,
} from '@terrace/plugin-environments-common';
import { Validator } from 'jsonschema';
import { EnvironmentLocks } from '@terrace/plugin-environments-node';
import { createChangeEnvironmentAction } from '../actions/changeEnvironment';
import { generateEnvironmentFiles } from '../generator';
import { buildCreateEnvironmentTemplate } from './buildTemplate';
import {
  DATA_LOSS_NOTICE,
  buildUpdateEnvironmentTemplate,
} from './buildUpdateTemplate';
import { committedTemplate } from './__testUtils__/committedTemplate';

describe('the Update environment template.yaml', () => {
  it('is exactly what buildUpdateTemplate produces (regenerate with TERRACE_WRITE_TEMPLATE=1)', async () => {
    const { committed, rendered } = await committedTemplate({
      name: 'update-environment',
      generatedBy: ["Generated from the Create environment template's pages by", 'plugins/scaffolder-backend-module-environments/src/template/buildUpdateTemplate.ts.'],
      document: buildUpdateEnvironmentTemplate(),
    });
    expect(committed).toBe(rendered);
  });

  const template = buildUpdateEnvironmentTemplate();
  const pages: any[] = template.spec.parameters;
  const byTitle = (title: string) => pages.find(p => p.title === title);

  it('asks the components and the tier exactly as the Create form does', () => {
    const create = buildCreateEnvironmentTemplate().spec.parameters;
    const createPage = (title: string) =>
      create.find((p: any) => p.title === title);
    expect(byTitle('Components').properties).toEqual(
      createPage('Components').properties,
    );
    expect(byTitle('Cloud').properties.tier).toEqual(
      createPage('Cloud').properties.tier,
    );
    // the name and place of the environment are shown, not changed
    expect(byTitle('Environment').properties.name['ui:readonly']).toBe(true);
    expect(byTitle('Cloud').properties.cloud['ui:readonly']).toBe(true);
  });

  it('says before submit that losing a data store needs the acknowledgement, and asks for it', () => {
    expect(byTitle('Components').description).toBe(DATA_LOSS_NOTICE);
    const review = pages[pages.length - 1];
    expect(review.description).toBe(DATA_LOSS_NOTICE);
    expect(review.properties.acknowledgeDataLoss).toMatchObject({
      type: 'boolean',
      title: 'I acknowledge data loss',
    });
    expect(DATA_LOSS_NOTICE).toContain('I acknowledge data loss');
    expect(review.properties.estimate['ui:field']).toBe('EnvironmentEstimate');
  });

  it('accepts, prefilled, the form data of a current environment.yaml (what "Change this environment" opens it with)', () => {
    const form: EnvironmentForm & Record<string, unknown> = {
      ...environmentFormFromSpec({
        apiVersion: 'terrace.dev/v1alpha1',
        kind: 'Environment',
        metadata: {
          name: 'shop-dev',
          title: 'Shop dev',
          owner: 'group:default/shop',
          system: 'shop',
        },
        spec: {
          cloud: 'aws',
          region: 'eu-west-1',
          tier: 'dev',
          components: [
            { name: 'db', type: 'postgres', size: 'db.t3.small' },
            { name: 'cache', type: 'redis' },
          ],
        },
      }),
      executor: 'ci',
      publishTarget: 'local',
    };
    for (const page of pages) {
      const result = new Validator().validate(form, page);
      expect({
        page: page.title,
        errors: result.errors.map(e => e.stack),
      }).toEqual({ page: page.title, errors: [] });
    }
  });

  it("passes the form's fields to terrace:environment:change, each one the action takes", () => {
    const change = template.spec.steps.find((s: any) => s.id === 'change');
    const action = createChangeEnvironmentAction({
      generate: generateEnvironmentFiles,
      publish: {
        localRoot: '/tmp/terrace-repos',
        defaultBranch: 'main',
        authorName: 'Terrace',
        authorEmail: 'terrace@localhost',
      },
      terraform: {
        executor: 'ci',
        allowedExecutors: ['ci'],
        binary: 'terraform',
        local: { overrideFiles: [], backendConfigFiles: [] },
        timeoutMs: 1000,
        locks: new EnvironmentLocks(),
      },
    });
    const accepted = Object.keys((action.schema!.input as any).properties);
    expect(
      Object.keys(change.input).filter(k => !accepted.includes(k)),
    ).toEqual([]);
    expect(change.input.acknowledgeDataLoss).toBe(
      '${{ parameters.acknowledgeDataLoss }}',
    );
    expect(change.input.components).toBe('${{ parameters.components }}');
  });

  it('opens a GitHub pull request with the change description where GitHub is chosen, a local branch otherwise', () => {
    const steps = template.spec.steps;
    expect(steps.map((s: any) => [s.action, s.if ?? 'always'])).toEqual([
      ['fetch:plain', "${{ parameters.publishTarget == 'github' }}"],
      ['terrace:environment:change', 'always'],
      [
        'publish:github:pull-request',
        "${{ parameters.publishTarget == 'github' }}",
      ],
    ]);
    expect(steps[2].input).toMatchObject({
      branchName: '${{ steps.change.output.branch }}',
      description: '${{ steps.change.output.description }}',
    });
  });
});
