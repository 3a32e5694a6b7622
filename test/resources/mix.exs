defmodule Kv.MixProject do
  use Mix.Project

  # Resources, messages, monitors and hot upgrade (DESIGN §8), over the
  # runtime in c_src/nif_derive_resource.{h,c}. The NIF library is written
  # by hand the way the generator will write it for a NIF_RESOURCE header;
  # the generator only makes the value types' encoders (c_src/kv.h).
  def project do
    [
      app: :kv,
      version: "0.1.0",
      elixir: "~> 1.14",
      compilers: [:nif_derive] ++ Mix.compilers(),
      deps: [{:nif_derive, path: "../.."}],
      nif_derive: [
        module: Kv.Native,
        headers: ["c_src/kv.h"],
        sources: ["c_src/kv.c", "c_src/kv_nif.c"],
        # KV_CFLAGS: e.g. "-fsanitize=address,undefined" for a sanitizer run (see BENCH.md)
        cflags: ["-pthread", "-Werror"] ++ String.split(System.get_env("KV_CFLAGS", "")),
        ldflags: ["-pthread"]
      ]
    ]
  end

  def application, do: [extra_applications: [:logger]]
end
