import type { ComponentType } from 'react';
import type { SvgIconProps } from '@material-ui/core/SvgIcon';
import type { ResourceCategory } from '@terrace/plugin-environments-common';
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

/** Icon and words for what a resource is; the backend's reader says it in neutral terms. */
const BY_CATEGORY: Readonly<
  Record<ResourceCategory, { icon: Icon; label: string }>
> = {
  database: { icon: StorageIcon, label: 'Database' },
  cache: { icon: BoltIcon, label: 'Cache' },
  bucket: { icon: FolderIcon, label: 'Bucket' },
  cdn: { icon: PublicIcon, label: 'CDN' },
  service: { icon: MemoryIcon, label: 'Service' },
  compute: { icon: DnsIcon, label: 'Compute' },
  'load-balancer': { icon: DeviceHubIcon, label: 'Load balancer' },
  secret: { icon: VpnKeyIcon, label: 'Secret' },
  monitoring: { icon: NotificationsIcon, label: 'Monitoring' },
  registry: { icon: LayersIcon, label: 'Registry' },
};

const OTHER = { icon: CategoryIcon, label: 'Resource' };

/** Icon and words for a resource of the given category; a plain "Resource" without one. */
export function resourceCategoryIcon(category: ResourceCategory | undefined): {
  icon: Icon;
  label: string;
} {
  return (category && BY_CATEGORY[category]) ?? OTHER;
}
