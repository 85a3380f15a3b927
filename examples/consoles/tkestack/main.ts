import { buildApp } from './app';

// Writes dist/tkestack-agents.k8s.yaml
buildApp().synth();
