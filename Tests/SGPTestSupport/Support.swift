import SGPTensor
