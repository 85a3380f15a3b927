// The DaemonSet construct's public face; the other files of this folder are its parts.
export { DaemonSet } from './daemon-set';
export type { DaemonSetContainerProps, DaemonSetProps, HostPathMountOptions, VolumeMountByNameOptions } from './props';
