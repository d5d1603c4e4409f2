// Stands in for WebSHAP in the Chromium bench page when WEBSHAP_SRC is not set.
export const KernelSHAP = undefined;
