import { attr, Block, body, BodyItem, raw, resource } from '../hcl';
import { componentTags, id, VPC_ID } from './context';

/** One TCP port, or an inclusive range. */
export type Port = number | [number, number];

function ports(port: Port) {
  return Array.isArray(port)
    ? { from_port: port[0], to_port: port[1] }
    : { from_port: port, to_port: port };
}

/** A security group with no inline rules; rules are separate resources (least privilege, no cycles). */
export function securityGroup(
  name: string,
  resourceName: string,
  component: string,
  description: string,
): Block {
  return resource('aws_security_group', name, [
    attr('name', resourceName),
    attr('description', description),
    attr('vpc_id', VPC_ID),
    attr('tags', componentTags(component, { Name: resourceName })),
    {
      kind: 'block',
      type: 'lifecycle',
      labels: [],
      body: [attr('create_before_destroy', true)],
    },
  ]);
}

/** Ingress on one TCP port from another security group. */
export function ingressFromGroup(
  name: string,
  component: string,
  to: string,
  from: string,
  port: Port,
  description: string,
  notes: BodyItem[] = [],
): Block {
  return resource('aws_vpc_security_group_ingress_rule', name, [
    ...notes,
    ...body({
      security_group_id: raw(`aws_security_group.${to}.id`),
      referenced_security_group_id: raw(`aws_security_group.${from}.id`),
      ip_protocol: 'tcp',
      ...ports(port),
      description,
      tags: componentTags(component),
    }),
  ]);
}

/** Egress on one TCP port to another security group. */
export function egressToGroup(
  name: string,
  component: string,
  from: string,
  to: string,
  port: Port,
  description: string,
): Block {
  return resource('aws_vpc_security_group_egress_rule', name, {
    security_group_id: raw(`aws_security_group.${from}.id`),
    referenced_security_group_id: raw(`aws_security_group.${to}.id`),
    ip_protocol: 'tcp',
    ...ports(port),
    description,
    tags: componentTags(component),
  });
}

/** Ingress or egress on one TCP port for a CIDR. */
export function cidrRule(
  direction: 'ingress' | 'egress',
  name: string,
  component: string,
  group: string,
  cidr: string,
  port: Port,
  description: string,
  extra: Block['body'] = [],
): Block {
  return resource(`aws_vpc_security_group_${direction}_rule`, name, [
    ...extra,
    attr('security_group_id', raw(`aws_security_group.${group}.id`)),
    attr('cidr_ipv4', cidr),
    attr('ip_protocol', 'tcp'),
    attr('from_port', ports(port).from_port),
    attr('to_port', ports(port).to_port),
    attr('description', description),
    attr('tags', componentTags(component)),
  ]);
}

/** Ingress rules on a data store from every compute component of the environment, and their egress. */
export function dataStoreAccess(
  store: { name: string },
  port: Port,
  clients: Array<{ name: string }>,
  notes: BodyItem[] = [],
): Block[] {
  return clients.flatMap(client => [
    ingressFromGroup(
      `${id(store.name)}_from_${id(client.name)}`,
      store.name,
      id(store.name),
      id(client.name),
      port,
      `${client.name} to ${store.name}`,
      notes,
    ),
    egressToGroup(
      `${id(client.name)}_to_${id(store.name)}`,
      client.name,
      id(client.name),
      id(store.name),
      port,
      `${client.name} to ${store.name}`,
    ),
  ]);
}
