import type { ComponentType } from 'react';
import type { SvgIconProps } from '@material-ui/core/SvgIcon';
import StorageIcon from '@material-ui/icons/Storage';
import FolderIcon from '@material-ui/icons/Folder';
import PublicIcon from '@material-ui/icons/Public';
import MemoryIcon from '@material-ui/icons/Memory';
import DnsIcon from '@material-ui/icons/Dns';
import VpnKeyIcon from '@material-ui/icons/VpnKey';
import NotificationsIcon from '@material-ui/icons/Notifications';
import DeviceHubIcon from '@material-ui/icons/DeviceHub';
import LayersIcon from '@material-ui/icons/Layers';
import CategoryIcon from '@material-ui/icons/Category';
import BoltIcon from '@material-ui/icons/FlashOn';

type Icon = ComponentType<SvgIconProps>;

/** Icon and words for a resource type such as `rds:db` (service prefix, then the kind). */
const BY_TYPE: Array<{ match: RegExp; icon: Icon; label: string }> = [
  {
    match: /^(rds|docdb|sql|cloudsql|postgres)/,
    icon: StorageIcon,
    label: 'Database',
  },
  { match: /^(elasticache|redis|memorystore)/, icon: BoltIcon, label: 'Cache' },
  { match: /^(s3|storage|blob)/, icon: FolderIcon, label: 'Bucket' },
  { match: /^(cloudfront|cdn|frontdoor)/, icon: PublicIcon, label: 'CDN' },
  {
    match: /^(ecs|run|containerapp|lambda)/,
    icon: MemoryIcon,
    label: 'Service',
  },
  { match: /^(ec2|autoscaling|compute|vm)/, icon: DnsIcon, label: 'Compute' },
  {
    match: /^(elasticloadbalancing|elb|alb)/,
    icon: DeviceHubIcon,
    label: 'Load balancer',
  },
  {
    match: /^(ssm|secretsmanager|kms|keyvault|secretmanager)/,
    icon: VpnKeyIcon,
    label: 'Secret',
  },
  {
    match: /^(cloudwatch|sns|monitoring)/,
    icon: NotificationsIcon,
    label: 'Monitoring',
  },
  { match: /^(ecr|artifactregistry|acr)/, icon: LayersIcon, label: 'Registry' },
];

export function resourceTypeIcon(type: string): { icon: Icon; label: string } {
  const lower = type.toLocaleLowerCase('en-US');
  return (
    BY_TYPE.find(entry => entry.match.test(lower)) ?? {
      icon: CategoryIcon,
      label: 'Resource',
    }
  );
}
