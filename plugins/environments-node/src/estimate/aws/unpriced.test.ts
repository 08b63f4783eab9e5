import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultAwsPricesDir, loadPriceCatalog } from './catalog';
import { awsUnpricedRegion } from './unpriced';

/**
 * What keeps a region from being estimated, on a catalog of three files: us-east-1 as shipped
 * (every part), eu-north-1 without ElastiCache and KMS, and none for sa-east-1.
 */
describe('awsUnpricedRegion', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'terrace-unpriced-'));
    const east = JSON.parse(
      fs.readFileSync(
        path.join(defaultAwsPricesDir(), 'us-east-1.json'),
        'utf8',
      ),
    );
    fs.writeFileSync(path.join(dir, 'us-east-1.json'), JSON.stringify(east));
    const north = { ...east, region: 'eu-north-1', location: 'EU (Stockholm)' };
    north.groups = { ...east.groups };
    delete north.groups['elasticache.redis'];
    delete north.groups['kms.key'];
    // Extended Support rates are held only where sourced: their absence is no missing part.
    delete north.groups['rds.extendedSupport.yr1yr2'];
    delete north.groups['rds.extendedSupport.yr3'];
    fs.writeFileSync(path.join(dir, 'eu-north-1.json'), JSON.stringify(north));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('says nothing for a fully priced region', () => {
    const catalog = loadPriceCatalog(dir);
    expect(catalog.completeRegionNames()).toEqual(['us-east-1']);
    expect(awsUnpricedRegion(catalog, 'us-east-1')).toBeUndefined();
  });

  it('names the groups a partly priced file lacks: the refresh adds what the Price List API answers, the rest by hand', () => {
    expect(awsUnpricedRegion(loadPriceCatalog(dir), 'eu-north-1')).toEqual({
      missing: ['elasticache.redis', 'kms.key'],
      remedy:
        '`terrace prices refresh --cloud aws --region eu-north-1` (credentials allowed pricing:GetProducts) adds the ones the AWS Price List API answers (elasticache.redis); add the others (kms.key) to its catalog file eu-north-1.json, each with its source',
    });
  });

  it('for a region without a file, names what the refresh writes and what it leaves to research', () => {
    const unpriced = awsUnpricedRegion(loadPriceCatalog(dir), 'sa-east-1')!;
    expect(unpriced.missing).toBeUndefined();
    expect(unpriced.remedy).toBe(
      '`terrace prices refresh --cloud aws --region sa-east-1` (credentials allowed pricing:GetProducts) writes its catalog file sa-east-1.json with the prices the AWS Price List API answers (AmazonRDS, AmazonElastiCache, AmazonEC2, AWSELB, AmazonECS); ' +
        'the 14 other price groups (atlas.cluster, cloudfront.requests, cloudwatch.alarm, cloudwatch.logs.ingest, ecr.storage, kms.key, rds.performanceInsights.freeTier, s3.glacierFlexible, s3.standard, s3.standard.tiered, secretsManager.secret, ssm.parameter.standard, vpc.interfaceEndpoint.hour, vpc.publicIpv4.hour) must then be added to it, each with its source, before it can be estimated',
    );
  });
});
