import { buildAwsTerraform } from '../../generate/aws';
import {
  referenceStacks,
  resolveCase,
  variations,
} from '../../generate/__testUtils__/fixtures';
import { estimateEnvironment } from '../estimate';

/** `type.name` of every resource block the AWS emitter writes for an environment. */
function resourceAddresses(files: ReturnType<typeof buildAwsTerraform>) {
  const out: string[] = [];
  for (const items of files.values()) {
    for (const item of items) {
      if (item.kind === 'block' && item.type === 'resource') {
        out.push(item.labels.join('.'));
      }
    }
  }
  return out;
}

describe('every estimate line names a resource the AWS emitter writes', () => {
  it.each(
    [...referenceStacks(), ...variations()].map(c => [c.name, c] as const),
  )('%s', (_name, c) => {
    const resolved = resolveCase(c);
    const declared = resourceAddresses(buildAwsTerraform(resolved));
    const dangling = estimateEnvironment(resolved)
      .lines.map(line => line.resource)
      .filter(address =>
        address.endsWith('*')
          ? !declared.some(d => d.startsWith(address.slice(0, -1)))
          : !declared.includes(address),
      );
    expect(dangling).toEqual([]);
  });
});
