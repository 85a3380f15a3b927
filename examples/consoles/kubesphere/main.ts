import { buildApp } from './app';

// Writes dist/kubesphere-project.k8s.yaml
buildApp().synth();
