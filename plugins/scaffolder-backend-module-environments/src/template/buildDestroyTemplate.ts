/**
 * Builds the "Destroy environment" template
 * (plugins/catalog-backend-module-environments-template/templates/destroy-environment/template.yaml).
 * `destroyTemplate.test.ts` checks the committed file is exactly this output, and that each step's
 * input is one its action accepts.
 */

import { environmentEntityField } from './environmentField';

type Json = Record<string, any>;

/** The template's name: the entity page's "Destroy environment" link opens it by this name. */
export const DESTROY_TEMPLATE_NAME = 'destroy-environment';

/** The whole template document. */
export function buildDestroyEnvironmentTemplate(): Json {
  const parameters: Json[] = [
    {
      title: 'Environment',
      description:
        'Destroys every cloud resource of the environment (Terraform destroy, with the executor that owns it), removes it from the catalog and archives its repository. The task log shows the destroy plan and what will be lost before anything is deleted. Databases with deletion protection and buckets holding objects are refused unless their option below is ticked.',
      required: ['environment', 'confirmName'],
      properties: {
        // the entity ref; named as the expiry destroyer (environments-backend) passes it
        environment: environmentEntityField('The environment to destroy'),
        confirmName: {
          title: "Type the environment's name to confirm",
          type: 'string',
          description:
            'The name exactly as in the catalog, e.g. shop-dev; the destroy is refused otherwise',
          'ui:autocomplete': 'off',
        },
        liftDeletionProtection: {
          title: 'Lift deletion protection',
          type: 'boolean',
          default: false,
          description:
            'Databases and load balancers with deletion protection on cannot be deleted, so the destroy is refused. Tick this to turn the protection off first (Terraform applies deletion_protection = false) and then destroy them: their data is deleted, except a final snapshot where the data store keeps one.',
        },
        forceDestroyBuckets: {
          title: 'Delete every object in the buckets',
          type: 'boolean',
          default: false,
          description:
            "Buckets keep their objects (force_destroy = false), so the destroy is refused while the environment has a bucket: its own buckets and the access-log bucket, which fills with audit logs. Tick this to delete every object and object version in the environment's buckets for good (Terraform applies force_destroy = true) and then destroy them.",
        },
      },
    },
  ];
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: {
      name: DESTROY_TEMPLATE_NAME,
      title: 'Destroy environment',
      description:
        'Tears an environment down: shows the destroy plan and what will be lost, needs its name typed, destroys it with the executor that owns it, unregisters it from the catalog and archives its repository.',
      tags: ['terrace', 'terraform', 'environment', 'destroy'],
    },
    spec: {
      owner: 'group:default/platform',
      type: 'environment',
      parameters,
      steps: [
        {
          // file: repositories (the local default) are cloned by our action: fetch:plain cannot
          // read them; a repository on a git host is read by fetch:plain in the next step
          id: 'fetch',
          name: 'Fetch the repository',
          action: 'terrace:environment:fetch',
          input: { entityRef: '${{ parameters.environment }}' },
        },
        {
          id: 'fetch-remote',
          name: 'Fetch the repository from the git host',
          if: '${{ steps.fetch.output.remoteUrl }}',
          action: 'fetch:plain',
          input: { url: '${{ steps.fetch.output.remoteUrl }}' },
        },
        {
          id: 'destroy',
          name: 'Destroy',
          action: 'terrace:environment:destroy',
          input: {
            environment: '${{ steps.fetch.output.name }}',
            confirmName: '${{ parameters.confirmName }}',
            liftDeletionProtection: '${{ parameters.liftDeletionProtection }}',
            forceDestroyBuckets: '${{ parameters.forceDestroyBuckets }}',
            entityRef: '${{ steps.fetch.output.entityRef }}',
          },
        },
      ],
      output: {
        text: [
          {
            title: 'Destroy',
            content: '${{ steps.destroy.output.summary }}',
          },
          {
            title: 'What was lost',
            content: '${{ steps.destroy.output.markdown }}',
          },
        ],
      },
    },
  };
}
