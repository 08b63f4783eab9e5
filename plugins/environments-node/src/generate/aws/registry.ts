import {
  awsComponentNames,
  type ResolvedRegistry,
} from '@terrace/plugin-environments-common';
import { block, call, map, raw, resource } from '../hcl';
import {
  AwsContext,
  AwsEmitted,
  componentTags,
  id,
  KMS_KEY_ARN,
} from './context';

/**
 * `<name>.tf` for a `registry` component: an ECR repository with immutable tags, scan on push,
 * KMS encryption and a lifecycle keeping `keepImages` tagged images and expiring untagged ones.
 */
export function emitRegistry(
  ctx: AwsContext,
  registry: ResolvedRegistry,
): AwsEmitted {
  const n = id(registry.name);
  return {
    file: `registry-${registry.name}.tf`,
    items: [
      resource('aws_ecr_repository', n, [
        {
          kind: 'attribute',
          name: 'name',
          value: awsComponentNames(ctx.env.name, registry.name).repository,
        },
        { kind: 'attribute', name: 'image_tag_mutability', value: 'IMMUTABLE' },
        block('image_scanning_configuration', [], { scan_on_push: true }),
        block('encryption_configuration', [], {
          encryption_type: 'KMS',
          kms_key: KMS_KEY_ARN,
        }),
        {
          kind: 'attribute',
          name: 'tags',
          value: componentTags(registry.name),
        },
      ]),
      resource('aws_ecr_lifecycle_policy', n, {
        repository: raw(`aws_ecr_repository.${n}.name`),
        policy: call(
          'jsonencode',
          map({
            rules: [
              map({
                rulePriority: 1,
                description: `Expire untagged images after ${registry.untaggedExpireDays} days`,
                selection: map({
                  tagStatus: 'untagged',
                  countType: 'sinceImagePushed',
                  countUnit: 'days',
                  countNumber: registry.untaggedExpireDays,
                }),
                action: map({ type: 'expire' }),
              }),
              map({
                rulePriority: 2,
                description: `Keep the newest ${registry.keepImages} images`,
                selection: map({
                  tagStatus: 'any',
                  countType: 'imageCountMoreThan',
                  countNumber: registry.keepImages,
                }),
                action: map({ type: 'expire' }),
              }),
            ],
          }),
        ),
      }),
    ],
    outputs: [
      block('output', [`${n}_repository_url`], {
        description: `${registry.name}: ECR repository URL`,
        value: raw(`aws_ecr_repository.${n}.repository_url`),
      }),
    ],
  };
}
