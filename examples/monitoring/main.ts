import { buildApp } from './app';

// Writes dist/monitoring.k8s.yaml
buildApp().synth();
