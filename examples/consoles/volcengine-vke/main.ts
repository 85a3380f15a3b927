import { buildApp } from './app';

// Writes dist/vke-gpu-agents.k8s.yaml
buildApp().synth();
