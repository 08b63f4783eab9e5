import { defaultAwsPricesDir } from '../../estimate/aws/catalog';
import type { PriceRefreshFailure, PriceRefresher } from '../refresher';
import { refreshRegion } from './refresh';
import { awsPriceListSource, type ProductSource } from './source';

/** Words for the errors the Price List API gives without usable credentials or permission. */
export function describeAwsError(e: unknown): string | undefined {
  const name = (e as { name?: string })?.name ?? '';
  const message = (e as Error)?.message ?? String(e);
  if (
    name === 'CredentialsProviderError' ||
    /Could not load credentials/i.test(message)
  ) {
    return 'no AWS credentials found: set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, for an identity allowed pricing:GetProducts';
  }
  if (
    [
      'AccessDeniedException',
      'AccessDenied',
      'UnrecognizedClientException',
      'ExpiredTokenException',
      'InvalidSignatureException',
    ].includes(name)
  ) {
    return `AWS refused the Price List API call (${name}: ${message}); the identity needs pricing:GetProducts`;
  }
  return undefined;
}

/**
 * The AWS price refresher: rebuilds `prices/aws/<region>.json` from the AWS Price List Query API
 * (GetProducts) with the credentials of the SDK's default chain; `source` gives another product
 * source (recorded answers).
 * @public
 */
export function createAwsPriceRefresher(
  source: () => ProductSource = () => awsPriceListSource(),
): PriceRefresher {
  return {
    cloud: 'aws',
    apiName: 'the AWS Price List Query API',
    defaultDir: defaultAwsPricesDir,
    refresh: options => refreshRegion({ ...options, source: source() }),
    describeFailure(e: unknown): PriceRefreshFailure | undefined {
      const words = describeAwsError(e);
      if (words) return { message: words };
      if (
        e instanceof Error &&
        /^(no catalog file|the Price List answered no complete group) /.test(
          e.message,
        )
      ) {
        return { option: '--region', message: e.message };
      }
      return undefined;
    },
  };
}

/** @public The AWS price refresher over the Price List Query API. */
export const awsPriceRefresher: PriceRefresher = createAwsPriceRefresher();
