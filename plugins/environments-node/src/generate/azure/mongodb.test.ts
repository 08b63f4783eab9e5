import { parse } from '@cdktf/hcl2json';
import { azureCases, generateCase } from '../__testUtils__/fixtures';

// generating whole cases takes seconds on a loaded machine (jest's default is 5 s)
jest.setTimeout(120_000);

type Parsed = {
  resource?: Record<string, Record<string, Array<Record<string, any>>>>;
};

async function mongodbFile(tier: 'dev' | 'prod'): Promise<Parsed> {
  const c = azureCases().find(x => x.name === `azure-variation-${tier}`)!;
  const files = await generateCase(c);
  return parse('mongodb-docs.tf', files['terraform/mongodb-docs.tf']);
}

describe('Atlas on Azure', () => {
  it('reaches Atlas over Private Link in prod: Atlas endpoint service, an Azure private endpoint in the endpoints subnet, and their link', async () => {
    const doc = await mongodbFile('prod');
    const r = doc.resource!;
    expect(r.mongodbatlas_privatelink_endpoint.docs[0]).toEqual({
      project_id: '${mongodbatlas_project.docs.id}',
      provider_name: 'AZURE',
      // northeurope in Atlas's names.
      region: 'EUROPE_NORTH',
    });
    const pe = r.azurerm_private_endpoint.docs[0];
    expect(pe.name).toBe('pe-azvar-prod-docs');
    expect(pe.subnet_id).toBe('${azurerm_subnet.endpoints.id}');
    expect(pe.private_service_connection).toEqual([
      {
        name: '${mongodbatlas_privatelink_endpoint.docs.private_link_service_name}',
        private_connection_resource_id:
          '${mongodbatlas_privatelink_endpoint.docs.private_link_service_resource_id}',
        is_manual_connection: true,
        request_message: 'Terrace environment azvar-prod, docs',
      },
    ]);
    expect(pe.tags).toMatchObject({
      'terrace:environment': 'azvar-prod',
      'terrace:component': 'docs',
    });
    expect(r.mongodbatlas_privatelink_endpoint_service.docs[0]).toEqual({
      project_id: '${mongodbatlas_project.docs.id}',
      private_link_id:
        '${mongodbatlas_privatelink_endpoint.docs.private_link_id}',
      endpoint_service_id: '${azurerm_private_endpoint.docs.id}',
      private_endpoint_ip_address:
        '${azurerm_private_endpoint.docs.private_service_connection[0].private_ip_address}',
      provider_name: 'AZURE',
    });
    // The access list stays as on AWS: the NAT gateways' addresses.
    expect(r.mongodbatlas_project_ip_access_list.docs[0]).toMatchObject({
      count: 3,
      ip_address: '${azurerm_public_ip.nat[count.index].ip_address}',
    });
  });

  it('keeps dev on the NAT access list alone, without Private Link', async () => {
    const r = (await mongodbFile('dev')).resource!;
    expect(Object.keys(r).sort()).toEqual([
      'azurerm_key_vault_secret',
      'mongodbatlas_advanced_cluster',
      'mongodbatlas_database_user',
      'mongodbatlas_project',
      'mongodbatlas_project_ip_access_list',
      'random_password',
    ]);
  });
});
