import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_ACCOUNT_ID,
  ANNOTATION_CLOUD,
  ANNOTATION_REGION,
  ANNOTATION_SOURCE_LOCATION,
  ANNOTATION_TIER,
  cloudProfiles,
  type Cloud,
  type Section,
  type Tier,
} from '@terrace/plugin-environments-common';
import type { StatusReadersLookup } from '../readers/types';

/** Where an environment lives: everything a reader needs, taken from the catalog entity. */
export interface EnvironmentRef {
  entityRef: string;
  namespace: string;
  /** The environment name, which is the `terrace:environment` tag value and alarm name prefix. */
  name: string;
  title?: string;
  owner?: string;
  cloud: string;
  accountId: string;
  region: string;
  tier: Tier;
  /** `backstage.io/source-location`, where cost.json and environment.yaml live. */
  sourceLocation?: string;
}

/** An environment entity whose annotations do not say where it lives, with what to set. */
export interface UnlocatedEnvironment {
  entityRef: string;
  namespace: string;
  name: string;
  title?: string;
  owner?: string;
  cloud?: string;
  region?: string;
  tier?: string;
  /** What to set, in words: shown as the sections' not-configured message. */
  problem: string;
  /** What to configure per section, from the readers of its cloud when they are installed. */
  configure?: Readonly<Record<Section, string>>;
}

export type LocatedEnvironment =
  | { located: true; ref: EnvironmentRef }
  | { located: false; environment: UnlocatedEnvironment };

const TIERS = new Set(['dev', 'staging', 'prod']);

/**
 * Reads an environment entity's `terrace.dev/*` annotations into an EnvironmentRef: cloud,
 * region and tier here, the account through the readers of the entity's cloud.
 */
export function locateEnvironment(
  entity: Entity,
  readers: StatusReadersLookup,
): LocatedEnvironment {
  const annotations = entity.metadata.annotations ?? {};
  const namespace = entity.metadata.namespace ?? 'default';
  const owner =
    typeof entity.spec?.owner === 'string' ? entity.spec.owner : undefined;
  const base = {
    entityRef: stringifyEntityRef(entity),
    namespace,
    name: entity.metadata.name,
    title: entity.metadata.title,
    owner,
  };
  const cloud = annotations[ANNOTATION_CLOUD];
  const region = annotations[ANNOTATION_REGION];
  const tier = annotations[ANNOTATION_TIER];
  const accountId = annotations[ANNOTATION_ACCOUNT_ID];
  const installed = readers.list();
  const cloudReaders = cloud ? readers.get(cloud) : undefined;
  // Without a cloud, the account hint of the only installed cloud (the common case) or a neutral one.
  const accountHint =
    (cloudReaders ?? (installed.length === 1 ? installed[0] : undefined))
      ?.accountHint ?? "the cloud account's id";
  const missing: string[] = [];
  if (!cloud)
    missing.push(
      `${ANNOTATION_CLOUD} (${installed.map(r => r.cloud).join(', ')})`,
    );
  // the example is a region of the entity's cloud (of the only installed cloud without one)
  let exampleCloud: Cloud | undefined;
  if (cloud && cloud in cloudProfiles) exampleCloud = cloud as Cloud;
  else if (installed.length === 1) exampleCloud = installed[0].cloud;
  const regionExample = exampleCloud
    ? cloudProfiles[exampleCloud].regionExample
    : undefined;
  if (!region)
    missing.push(
      `${ANNOTATION_REGION}${regionExample ? ` (e.g. ${regionExample})` : ''}`,
    );
  if (!tier) missing.push(`${ANNOTATION_TIER} (dev, staging or prod)`);
  if (!accountId) missing.push(`${ANNOTATION_ACCOUNT_ID} (${accountHint})`);
  const partial = {
    ...base,
    cloud,
    region,
    tier,
    ...(cloudReaders ? { configure: cloudReaders.configure } : {}),
  };
  if (missing.length > 0) {
    return {
      located: false,
      environment: {
        ...partial,
        problem: `Set the annotation${
          missing.length > 1 ? 's' : ''
        } ${missing.join(', ')} on ${base.entityRef}`,
      },
    };
  }
  if (!TIERS.has(tier!)) {
    return {
      located: false,
      environment: {
        ...partial,
        problem: `The annotation ${ANNOTATION_TIER} of ${base.entityRef} is "${tier}"; set it to dev, staging or prod`,
      },
    };
  }
  if (!cloudReaders) {
    return {
      located: false,
      environment: {
        ...partial,
        problem: `Status readers for the cloud "${cloud}" are not installed; this portal reads ${installed
          .map(r => r.displayName)
          .join(', ')} environments`,
      },
    };
  }
  const account = cloudReaders.locate(accountId!, base.entityRef);
  if (!account.ok) {
    return {
      located: false,
      environment: { ...partial, problem: account.problem },
    };
  }
  return {
    located: true,
    ref: {
      ...base,
      cloud: cloud!,
      region: region!,
      tier: tier as Tier,
      accountId: account.accountId,
      sourceLocation: annotations[ANNOTATION_SOURCE_LOCATION],
    },
  };
}
