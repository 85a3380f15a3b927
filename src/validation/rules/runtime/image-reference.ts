import { Predict } from './checks';
import { containersOf } from '../../../k8s/pod-template';
import { text } from '../../../k8s/shape';
import { checkImageReference } from '../../../k8s/syntax';

type Json = { [key: string]: any };

/**
 * An image reference the container runtime cannot parse. The API server checks only that an image is set
 * (`validateContainerCommon` in pkg/apis/core/validation/validation.go; leading or trailing whitespace only on
 * Pods, `validateContainerOnlyForPod`), so it accepts the template; the kubelet parses the reference
 * (`parsers.ParseImageName`, the distribution reference grammar) and the container stays in InvalidImageName.
 */
export function imageReference(podSpec: Json, predict: Predict): void {
  for (const ref of containersOf(podSpec)) {
    const image = ref.container.image;
    if (typeof image !== 'string' || image === '') continue;
    const problem = checkImageReference(image);
    if (!problem) continue;
    predict('image-reference', `${ref.path}.image`,
      `the API server accepts the image of ${ref.init ? 'init container' : 'container'} '${text(ref.container.name)}', but '${image}' ${problem}; `
      + 'the kubelet cannot parse it, so the container never starts (InvalidImageName)');
  }
}
