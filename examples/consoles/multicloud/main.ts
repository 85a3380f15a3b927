import { buildApp } from './app';

// Writes dist/multicloud-ingress.k8s.yaml
buildApp().synth();
