/** The media types whose bodies are read as JSON. */
export const JSON_TYPES = ['application/json', 'application/stix+json', 'application/taxii+json'];
