export default {
  async fetch() {
    return new Response("Hello from a Worker bundle stored by Planton.Registry.Sdk.");
  },
};
