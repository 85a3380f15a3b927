// Cloud vendors' accelerators and pod networks as typed values; the other files of this folder are their parts.
export { HuaweiCceResources } from './huawei-cce';
export type { CceVirtualGpuOptions } from './huawei-cce';
export { VolcengineResources } from './volcengine';
export type { VolcengineMgpuOptions } from './volcengine';
export { NetworkAttachment } from './network-attachment';
export type { NetworkSelection } from './network-attachment';
export { TkeStackNetwork } from './tkestack';
export { HuaweiCceContainerNetwork, HuaweiCceNodes } from './huawei-cce-network';
export { HuaweiCceAnnotations } from './huawei-cce-annotations';
export type { HuaweiCcePodAnnotationOptions } from './huawei-cce-annotations';
export { KubeSphereAnnotations } from './kubesphere';
export type { KubeSphereMetadataOptions } from './kubesphere';
