import type {
  ResolvedComponent,
  ResolvedEnvironment,
} from '@terrace/plugin-environments-common';
import {
  gcpComponentNames,
  gcpEnvironmentNames,
  LABEL_COMPONENT,
} from '@terrace/plugin-environments-common';
import { Block, BodyItem, comment, map, MapExpr, raw } from '../hcl';

export { id } from './naming';

/** What one emitter contributes to the root module. */
export interface GcpEmitted {
  /** The file under `terraform/` these items go to, e.g. `network.tf`. */
  file: string;
  items: BodyItem[];
  variables?: Block[];
  outputs?: Block[];
}

/** Read-only view of the environment the emitters share. */
export interface GcpContext {
  env: ResolvedEnvironment;
  /** Components of a type, in spec order. */
  ofType<T extends ResolvedComponent['type']>(
    type: T,
  ): Array<Extract<ResolvedComponent, { type: T }>>;
}

export function createContext(env: ResolvedEnvironment): GcpContext {
  return {
    env,
    ofType: <T extends ResolvedComponent['type']>(type: T) =>
      env.components.filter(
        (c): c is Extract<ResolvedComponent, { type: T }> => c.type === type,
      ),
  };
}

/** The GCP names of a component's resources (one table for the generator and validation). */
export function gcpNames(ctx: GcpContext, component: { name: string }) {
  return gcpComponentNames(ctx.env.name, component.name);
}

/** The environment-wide GCP names. */
export function envNames(ctx: GcpContext) {
  return gcpEnvironmentNames(ctx.env.name);
}

/**
 * A GCP label value: label values are at most 63 lowercase letters, digits, `_` and `-`
 * (cloud.google.com/resource-manager/docs/labels-overview#requirements), so `group:default/shop`
 * becomes `group_default_shop`.
 */
export function labelValue(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '_')
    .slice(0, 63);
}

/**
 * The environment's labels for the provider's `default_labels`: the resolved tags with `:` in
 * keys made `-` (GCP label keys allow no `:`; `terrace:environment` is `terrace-environment`).
 */
export function environmentLabels(env: ResolvedEnvironment): MapExpr {
  return map(
    Object.fromEntries(
      Object.entries(env.tags)
        .map(([k, v]) => [k.replace(/:/g, '-'), labelValue(v)] as const)
        .sort(([a], [b]) => a.localeCompare(b, 'en')),
    ),
  );
}

/** The per-resource labels; the environment-wide ones come from the provider's `default_labels`. */
export function componentLabels(
  component: string,
  extra: Record<string, string> = {},
): MapExpr {
  return map({ ...extra, [LABEL_COMPONENT]: labelValue(component) });
}

/** `#checkov:skip=<ID>:<reason>`, a reviewed and explained exception. */
export function skip(checkId: string, reason: string): BodyItem {
  return comment(`#checkov:skip=${checkId}:${reason.replace(/[\r\n]/g, ' ')}`);
}

export const PROJECT = raw('var.project_id');
export const REGION = raw('var.region');
export const NETWORK_ID = raw('google_compute_network.main.id');
export const SUBNET_ID = raw('google_compute_subnetwork.main.id');
export const PSA_CONNECTION = raw(
  'google_service_networking_connection.private_services',
);
