import { buildApp } from './app';

// Writes dist/node-agent.k8s.yaml
buildApp().synth();
