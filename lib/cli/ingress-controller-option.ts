import { InvalidArgumentError, Option } from 'commander';
import { IngressControllerError, IngressControllerRef, parseIngressController } from '../workflows';

function ingressController(value: string): IngressControllerRef {
  try {
    return parseIngressController('--ingress-controller', value);
  } catch (error) {
    if (error instanceof IngressControllerError) {
      throw new InvalidArgumentError(error.message.replace(/^--ingress-controller: /, ''));
    }
    throw error;
  }
}

/** `--ingress-controller <ns/selector>`: the ingress controller's pods, for Ingress and route backends. */
export function ingressControllerOption(): Option {
  return new Option(
    '--ingress-controller <namespace/selector>',
    "the ingress controller's pods, as namespace/key=value[,key=value...] (e.g. ingress-nginx/app.kubernetes.io/name=ingress-nginx); a stand-in pod when none is in the inputs",
  ).argParser(ingressController);
}
