import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_ACCOUNT_ID,
  ANNOTATION_CLOUD,
  ANNOTATION_REGION,
  ANNOTATION_SOURCE_LOCATION,
  ANNOTATION_TIER,
  type Tier,
} from '@terrace/plugin-environments-common';

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
}

export type LocatedEnvironment =
  | { located: true; ref: EnvironmentRef }
  | { located: false; environment: UnlocatedEnvironment };

const TIERS = new Set(['dev', 'staging', 'prod']);

/** Reads an environment entity's `terrace.dev/*` annotations into an EnvironmentRef. */
export function locateEnvironment(entity: Entity): LocatedEnvironment {
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
  const missing: string[] = [];
  if (!cloud) missing.push(`${ANNOTATION_CLOUD} (aws)`);
  if (!region) missing.push(`${ANNOTATION_REGION} (e.g. us-east-1)`);
  if (!tier) missing.push(`${ANNOTATION_TIER} (dev, staging or prod)`);
  if (!accountId)
    missing.push(`${ANNOTATION_ACCOUNT_ID} (the 12-digit AWS account id)`);
  const partial = { ...base, cloud, region, tier };
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
  if (cloud !== 'aws') {
    return {
      located: false,
      environment: {
        ...partial,
        problem: `Status readers for the cloud "${cloud}" are not installed; this portal reads AWS environments`,
      },
    };
  }
  if (!/^\d{12}$/.test(accountId!)) {
    return {
      located: false,
      environment: {
        ...partial,
        problem: `The annotation ${ANNOTATION_ACCOUNT_ID} of ${base.entityRef} is "${accountId}"; set it to the 12-digit AWS account id`,
      },
    };
  }
  return {
    located: true,
    ref: {
      ...base,
      cloud: cloud!,
      region: region!,
      tier: tier as Tier,
      accountId: accountId!,
      sourceLocation: annotations[ANNOTATION_SOURCE_LOCATION],
    },
  };
}
