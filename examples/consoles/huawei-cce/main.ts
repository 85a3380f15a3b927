import { buildApp } from './app';

// Writes dist/cce-ai-agents.k8s.yaml
buildApp().synth();
