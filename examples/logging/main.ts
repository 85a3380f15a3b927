import { buildApp } from './app';

// Writes dist/logging.k8s.yaml
buildApp().synth();
