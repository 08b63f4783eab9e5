/**
 * The form field that picks an existing environment entity (kind Resource, spec.type
 * environment) with Backstage's EntityPicker; its value is the entity ref, e.g.
 * `resource:default/shop-dev`. Used by the day-two templates (Destroy environment, Apply
 * environment change). `description` is the field's help text.
 */
export function environmentEntityField(description: string): Record<string, any> {
  return {
    title: 'Environment',
    type: 'string',
    description,
    'ui:field': 'EntityPicker',
    'ui:options': {
      catalogFilter: [{ kind: 'Resource', 'spec.type': 'environment' }],
      defaultKind: 'Resource',
      allowArbitraryValues: false,
    },
  };
}
