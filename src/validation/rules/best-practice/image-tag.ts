import { podRule, who } from './common';
import { imageTag } from '../../../k8s/syntax';
import { Severity } from '../../rule';

export const imageTagRule = podRule({
  id: 'best-practice/image-tag',
  severity: Severity.WARNING,
  description: 'Images carry an explicit tag other than latest, or a digest, so every node runs the same build.',
  why: 'Without a tag (or with latest) each node pulls whatever the registry serves when it starts the pod: nodes end up running different builds, and rolling back restores nothing.',
  fix: 'Pin a version tag (agent:1.4.2) or a digest (agent@sha256:...).',
  equivalents: { kubeScore: 'container-image-tag', kubeLinter: 'latest-tag', polaris: 'tagNotSpecified' },
},
(w, add) => {
  for (const c of w.containers) {
    const image = c.container.image;
    if (typeof image !== 'string' || image === '') continue;
    const { tag, digest } = imageTag(image);
    if (digest || (tag !== undefined && tag !== 'latest')) continue;
    add(`${w.specPath}.${c.path}.image`,
      `${who(c)} image '${image}' ${tag === undefined ? 'has no tag, so it means latest' : 'uses the latest tag'}; each node pulls whatever latest is when it starts the pod, so nodes can end up running different builds`,
      'Pin a version tag (e.g. v1.8.2) or a digest (@sha256:...).');
  }
});

// ---------------------------------------------------------------------------------------------
// Security context
