import { Rule, Severity } from '../../rule';

/**
 * The restricted hardening defaults of the library's `DaemonSet` reached a container whose image is not known to run
 * with them. Only the construct can tell a default from a setting its user chose (a manifest shows both alike), so
 * the `DaemonSet` reports it (`DaemonSet.infos`, src/daemon-set/hardening.ts) and this rule finds nothing in
 * manifests: it is here for the rules reference, the id's one place of documentation.
 */
export const hardeningUnverifiedImage: Rule = {
  id: 'best-practice/hardening-unverified-image',
  severity: Severity.INFO,
  description: 'A container got the restricted hardening defaults (runAsNonRoot: true, readOnlyRootFilesystem: true) '
    + 'though its user chose no UID, runAsNonRoot or readOnlyRootFilesystem and its image is not known to run that way. '
    + 'Reported by the DaemonSet construct (DaemonSet.infos), which alone can tell its defaults from settings its user chose; '
    + 'validate finds nothing in manifests.',
  why: 'With runAsNonRoot and no runAsUser the kubelet starts a container only when its image runs as a numeric non-root '
    + 'UID, and a read-only root filesystem fails every write outside a volume: a stock image such as nginx (root, writes '
    + '/var/cache/nginx) stays in CreateContainerConfigError or exits at start, on every node.',
  fix: 'Choose hardening: Hardening.BASELINE for a stock image (the Pod Security baseline level: seccomp RuntimeDefault '
    + 'only), or keep the restricted level and set the container\'s securityContext.user to the non-root UID the image '
    + 'runs as and readOnlyRootFilesystem explicitly, with an emptyDir where it writes.',
  check: () => [],
};
