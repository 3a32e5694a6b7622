[
  inputs: [
    "{mix,.formatter}.exs",
    "{lib,test}/**/*.{ex,exs}",
    "examples/*/{mix,.formatter}.exs",
    "examples/*/{lib,test}/**/*.{ex,exs}"
  ]
]
