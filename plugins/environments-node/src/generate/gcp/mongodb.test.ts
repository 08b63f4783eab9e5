import { parse } from '@cdktf/hcl2json';
import { GCP_ATLAS_PSC_ENDPOINTS } from '@terrace/plugin-environments-common';
import { gcpCases, generateGcpCase } from './__testUtils__/cases';

// generating whole cases takes seconds on a loaded machine (jest's default is 5 s)
jest.setTimeout(120_000);

type Parsed = {
  resource?: Record<string, Record<string, Array<Record<string, any>>>>;
};

async function mongodbFile(tier: 'dev' | 'prod'): Promise<Parsed> {
  const c = gcpCases().find(x => x.name === `gcp-variation-${tier}`)!;
  const files = await generateGcpCase(c);
  const file = Object.keys(files).find(f =>
    /^terraform\/mongodb-.*\.tf$/.test(f),
  )!;
  return parse(file, files[file]);
}

describe('Atlas on Google Cloud', () => {
  it('reaches Atlas over Private Service Connect in prod: 50 internal addresses and forwarding rules to the service attachments, registered with Atlas', async () => {
    const r = (await mongodbFile('prod')).resource!;
    const [n] = Object.keys(r.mongodbatlas_project);
    expect(r.mongodbatlas_privatelink_endpoint[n][0]).toEqual({
      project_id: `\${mongodbatlas_project.${n}.id}`,
      provider_name: 'GCP',
      region: '${var.region}',
    });
    const address = r.google_compute_address[`${n}_atlas`][0];
    expect(GCP_ATLAS_PSC_ENDPOINTS).toBe(50);
    expect(address).toMatchObject({
      count: 50,
      name: `gcpvar-prod-${n}-atlas-\${count.index}`,
      subnetwork: '${google_compute_subnetwork.main.id}',
      address_type: 'INTERNAL',
      labels: { 'terrace-component': n },
    });
    const rule = r.google_compute_forwarding_rule[`${n}_atlas`][0];
    expect(rule).toMatchObject({
      count: 50,
      name: `\${google_compute_address.${n}_atlas[count.index].name}`,
      ip_address: `\${google_compute_address.${n}_atlas[count.index].id}`,
      target: `\${mongodbatlas_privatelink_endpoint.${n}.service_attachment_names[count.index]}`,
      network: '${google_compute_network.main.id}',
      load_balancing_scheme: '',
      labels: { 'terrace-component': n },
    });
    const service = r.mongodbatlas_privatelink_endpoint_service[n][0];
    expect(service).toMatchObject({
      provider_name: 'GCP',
      private_link_id: `\${mongodbatlas_privatelink_endpoint.${n}.private_link_id}`,
      endpoint_service_id: '${google_compute_network.main.name}',
      gcp_project_id: '${var.project_id}',
    });
    expect(service.dynamic).toEqual({
      endpoints: [
        {
          for_each: `\${google_compute_address.${n}_atlas}`,
          content: [
            {
              ip_address: '${endpoints.value.address}',
              endpoint_name: `\${google_compute_forwarding_rule.${n}_atlas[endpoints.key].name}`,
            },
          ],
        },
      ],
    });
    // The access list stays as on AWS: the Cloud NAT address.
    expect(Object.keys(r.mongodbatlas_project_ip_access_list)).toEqual([
      `${n}_nat`,
    ]);
  });

  it('keeps dev on the Cloud NAT access list alone, without Private Service Connect', async () => {
    const r = (await mongodbFile('dev')).resource!;
    expect(r.mongodbatlas_privatelink_endpoint).toBeUndefined();
    expect(r.mongodbatlas_privatelink_endpoint_service).toBeUndefined();
    expect(r.google_compute_address).toBeUndefined();
    expect(r.google_compute_forwarding_rule).toBeUndefined();
    expect(r.mongodbatlas_project_ip_access_list).toBeDefined();
  });
});
