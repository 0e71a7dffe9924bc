#pragma once
// Paths and small helpers shared by the core tests (std only: no torch in tests).
#include <borehole/problem.h>

#include <cmath>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace bht {

inline std::string data(const std::string& file)
{
    return std::string(BOREHOLE_TEST_DATA_DIR) + "/" + file;
}

inline std::string example(const std::string& file)
{
    return std::string(BOREHOLE_EXAMPLES_DIR) + "/" + file;
}

using Matrix = std::vector<std::vector<double>>;

/// Reads a headerless numeric CSV (the committed A of the quadratic fixture).
inline Matrix readMatrix(const std::string& path)
{
    Matrix m;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        std::vector<double> row;
        std::stringstream ss(line);
        std::string cell;
        while (std::getline(ss, cell, ','))
            row.push_back(std::stod(cell));
        if (!row.empty())
            m.push_back(row);
    }
    return m;
}

inline std::vector<double> multiply(const Matrix& a, const std::vector<double>& v)
{
    std::vector<double> out(a.size(), 0.0);
    for (std::size_t i = 0; i < a.size(); ++i)
        for (std::size_t j = 0; j < v.size(); ++j)
            out[i] += a[i][j] * v[j];
    return out;
}

inline double dot(const std::vector<double>& a, const std::vector<double>& b)
{
    double s = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i)
        s += a[i] * b[i];
    return s;
}

inline double norm(const std::vector<double>& a)
{
    return std::sqrt(dot(a, a));
}

inline std::vector<double> toDouble(const std::vector<float>& v)
{
    return std::vector<double>(v.begin(), v.end());
}

inline std::vector<float> toFloat(const std::vector<double>& v)
{
    return std::vector<float>(v.begin(), v.end());
}

inline std::vector<double> randomVector(std::size_t n, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<double> dist;
    std::vector<double> v(n);
    for (auto& x : v)
        x = dist(rng);
    return v;
}

/// The quadratic fixture L(θ) = ½θᵀAθ as a Problem (its loss is the model's own output).
inline borehole::Problem quadraticProblem(const std::string& model = "quadratic.pt")
{
    borehole::DatasetOptions d;
    d.validationFraction = 0.2;
    auto dataset = borehole::Dataset::loadCsv(bht::data("four_features.csv"), d);
    borehole::ProblemOptions o;
    o.loss = borehole::LossKind::ModelOutput;
    return borehole::Problem(borehole::Model::load(bht::data(model), d.device), dataset, o);
}

constexpr double kQuadraticTrace = 10.0 + 7.0 + 5.0 + 3.0 + 2.0 + 1.5 + 1.0 + 0.8 + 0.5 + 0.3 + 0.2
                                   + 0.1;

} // namespace bht
